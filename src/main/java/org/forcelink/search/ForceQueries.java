package org.forcelink.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.mapping.SourceRecord;
import org.forcelink.registry.SourceSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one force query, called by name from the route subject-search-force: write the request
 * of the force system's query format, read its answer back into canonical records with the source
 * families' mappings, or turn a failure into the reason the system is missing.
 */
public class ForceQueries {

    private static final Logger log = LoggerFactory.getLogger(ForceQueries.class);

    private final SourceMappers mappers;
    private final SearchSettings settings;
    private final Clock clock;

    public ForceQueries(SourceMappers mappers, SearchSettings settings, Clock clock) {
        this.mappers = mappers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether the query is still worth sending: not once the search has been answered. */
    public boolean wanted(Exchange exchange) {
        ForceQuery query = exchange.getIn().getBody(ForceQuery.class);
        exchange.setProperty(SearchExchange.FORCE_QUERY, query);
        return !query.collector().isClosed();
    }

    /** Writes the request: body from the format's template, HTTP headers, and the endpoint URI with timeouts. */
    public void request(Exchange exchange) {
        ForceQuery query = exchange.getProperty(SearchExchange.FORCE_QUERY, ForceQuery.class);
        QueryTarget target = query.target();
        QueryFormat format = target.format();
        SubjectSearch search = query.search();
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.CONTENT_TYPE, format.contentTypeHeader());
        in.setHeader("Accept", switch (format.answer().syntax()) {
            case JSON -> "application/json";
            case XML -> "text/xml, application/xml, application/soap+xml";
            case TEXT -> "text/plain, text/csv";
        });
        if (format.soapAction() != null) {
            in.setHeader("SOAPAction", "\"" + format.soapAction() + "\"");
        }
        if (target.token() != null) {
            in.setHeader("Authorization", "Bearer " + target.token());
        }
        in.setHeader(SearchExchange.SEARCH_ID_HTTP_HEADER, search.searchId());
        in.setBody(format.body(RequestTemplate.values(search.searchId(), search.purpose().code(), target.force(),
                search.query())));
        exchange.setProperty(SearchExchange.QUERY_URI, endpointUri(target));
        exchange.setProperty(SearchExchange.QUERY_SENT, System.nanoTime());
    }

    /** The Camel http endpoint for a target: its URL, with every client timeout set to its own timeout. */
    String endpointUri(QueryTarget target) {
        long timeout = target.timeoutMs();
        String options = "httpMethod=POST&throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + timeout + "&connectionRequestTimeout=" + timeout
                + "&responseTimeout=" + timeout + "&soTimeout=" + timeout
                + "&connectionsPerRoute=" + settings.connectionsPerForce()
                + "&maxTotalConnections=" + settings.connectionsPerForce();
        return target.url() + (target.url().contains("?") ? "&" : "?") + options;
    }

    /** Reads the force system's answer into canonical records and records the outcome. */
    public void answer(Exchange exchange) {
        ForceQuery query = exchange.getProperty(SearchExchange.FORCE_QUERY, ForceQuery.class);
        QueryTarget target = query.target();
        long elapsed = elapsedMs(exchange);
        Message in = exchange.getIn();
        Integer status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = readAtMost(in.getBody(InputStream.class), settings.maxAnswerBytes());
        if (body == null) {
            offer(query, missing(target, ForceOutcome.Reason.UNREADABLE, "the answer is larger than "
                    + settings.maxAnswerBytes() + " bytes", elapsed));
            return;
        }
        boolean ok = status != null && status >= 200 && status < 300;
        AnswerFormat.Read read;
        try {
            read = target.format().answer().read(body, name -> in.getHeader(name, String.class));
        } catch (IllegalArgumentException e) {
            offer(query, ok ? missing(target, ForceOutcome.Reason.UNREADABLE, e.getMessage(), elapsed)
                    : missing(target, ForceOutcome.Reason.FAILED, "HTTP " + status, elapsed));
            return;
        }
        if (read.fault() != null) {
            offer(query, missing(target, ForceOutcome.Reason.FAILED, read.fault() + " (HTTP " + status + ")", elapsed));
            return;
        }
        if (!ok) {
            offer(query, missing(target, ForceOutcome.Reason.FAILED, "HTTP " + status, elapsed));
            return;
        }
        Instant receivedAt = clock.instant();
        List<ForceOutcome.Found> found = new ArrayList<>();
        int unreadable = 0;
        for (AnswerFormat.RawRecord raw : read.records()) {
            SourceMapper mapper = mappers.forSystem(target.force(),
                    new SourceSystem(target.system(), raw.family(), "", List.of())).orElse(null);
            if (mapper == null) {
                unreadable++;
                continue;
            }
            List<byte[]> payloads = new ArrayList<>();
            if (target.format().answer().syntax() == AnswerFormat.Syntax.TEXT) {
                FileSplit split = mapper.split(raw.payload());
                if (!split.isRejected()) {
                    split.records().stream().map(SourceRecord::payload).forEach(payloads::add);
                }
            } else {
                payloads.add(raw.payload());
            }
            for (byte[] payload : payloads) {
                MappingOutcome outcome = mapper.map(new SourceContext(target.force(), target.system(),
                        query.search().searchId(), receivedAt), payload);
                if (outcome.isRejected()) {
                    unreadable++;
                    log.info("search {}: a {} record from {} was rejected by its mapping ({} at {})",
                            query.search().searchId(), raw.family(), target.name(),
                            outcome.exceptions().get(0).code(), outcome.exceptions().get(0).path());
                } else {
                    found.add(new ForceOutcome.Found(outcome.record(), outcome.exceptions()));
                }
            }
        }
        offer(query, new ForceOutcome.Answered(target.force(), target.system(), found, unreadable,
                read.asOf() != null ? read.asOf() : receivedAt, elapsed));
    }

    /** Turns the exception that ended a query into the reason the force system is missing. */
    public void failed(Exchange exchange) {
        ForceQuery query = exchange.getProperty(SearchExchange.FORCE_QUERY, ForceQuery.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        long elapsed = elapsedMs(exchange);
        QueryTarget target = query.target();
        ForceOutcome.Missing missing;
        if (find(cause, InterruptedIOException.class) != null) {
            missing = missing(target, ForceOutcome.Reason.TIMEOUT, "no answer within its timeout of "
                    + target.timeoutMs() + " ms", elapsed);
        } else if (find(cause, ConnectException.class) != null) {
            missing = missing(target, ForceOutcome.Reason.FAILED, "connection refused", elapsed);
        } else if (find(cause, UnknownHostException.class) != null) {
            missing = missing(target, ForceOutcome.Reason.FAILED, "unknown host", elapsed);
        } else if (find(cause, IOException.class) != null) {
            missing = missing(target, ForceOutcome.Reason.FAILED, "connection failed ("
                    + find(cause, IOException.class).getClass().getSimpleName() + ")", elapsed);
        } else {
            missing = missing(target, ForceOutcome.Reason.FAILED, "the query failed ("
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")", elapsed);
            log.warn("search {}: query to {} failed", query.search().searchId(), target.name(), cause);
        }
        offer(query, missing);
    }

    private static void offer(ForceQuery query, ForceOutcome outcome) {
        query.collector().offer(query.target(), outcome);
    }

    private static ForceOutcome.Missing missing(QueryTarget target, ForceOutcome.Reason reason, String detail,
            long elapsed) {
        return new ForceOutcome.Missing(target.force(), target.system(), reason, detail, elapsed);
    }

    private static long elapsedMs(Exchange exchange) {
        Long sent = exchange.getProperty(SearchExchange.QUERY_SENT, Long.class);
        return sent == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The whole stream, or null as soon as it is longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, long max) {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return bytes.length > max ? null : bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
