package org.forcelink.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.forcelink.ForceLinkHeaders;

/**
 * Several canonical records in one broker message, so that a dropped file's records share the broker's
 * per-message work (a persistent send, a consumer transaction, a dispatch) instead of paying it each.
 * Every record keeps its own headers (message id, record type, subject, ...), is delivered, tracked and
 * dead-lettered on its own, and a single record still travels as a message of its own.
 *
 * <p>A batch message has the header {@link ForceLinkHeaders#RECORDS} (how many records it holds) and a
 * text body of two lines per record: the record's headers as a JSON object of strings, then the
 * canonical record as compact JSON (which never holds a line break: JSON escapes them inside strings).
 * <pre>
 * {"forcelinkMessageId":"…","forcelinkRecordType":"crime",…}
 * {"envelope":{…},"crime":{…}}
 * </pre>
 */
public final class RecordBatch {

    /**
     * The most characters of records a batch message holds (it may hold one record of any size). The
     * broker keeps a text message as two bytes a character and treats one over 100 KiB (Artemis's
     * {@code minLargeMessageSize}) as a large message, streamed to and from a file of its own and read
     * back byte by byte, which cost more than the messages it saved.
     */
    public static final int MAX_CHARS = 40_000;

    /** A record with the headers it travels with. */
    public record Item(String body, Map<String, String> headers) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    /** Headers of the batch message itself, which a record taken out of it does not inherit. */
    private static final List<String> BATCH_ONLY = List.of(ForceLinkHeaders.RECORDS, ForceLinkHeaders.DUPLICATE_ID);

    private RecordBatch() {}

    /**
     * Cuts records that may share messages into consecutive runs of at most {@link #MAX_CHARS} characters
     * of records each (a record larger than that alone), in order.
     */
    public static <T> List<List<T>> runs(List<T> records, ToIntFunction<T> chars) {
        List<List<T>> runs = new ArrayList<>();
        List<T> run = new ArrayList<>();
        int size = 0;
        for (T record : records) {
            int length = chars.applyAsInt(record);
            if (!run.isEmpty() && size + length > MAX_CHARS) {
                runs.add(run);
                run = new ArrayList<>();
                size = 0;
            }
            run.add(record);
            size += length;
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** Whether a message holds a batch rather than one record. */
    public static boolean isBatch(Message message) {
        return message.getHeader(ForceLinkHeaders.RECORDS) != null;
    }

    /** The body of a batch message holding these records, in order. */
    public static String encode(List<Item> items) {
        StringBuilder body = new StringBuilder(items.size() * 1200);
        for (Item item : items) {
            if (item.body().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a record in a batch must be compact JSON on one line");
            }
            try {
                body.append(JSON.writeValueAsString(item.headers())).append('\n').append(item.body()).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the headers of a record cannot be written", e);
            }
        }
        return body.toString();
    }

    /** The records of a batch body, in order. */
    public static List<Item> decode(String body) {
        List<Item> items = new ArrayList<>();
        int at = 0;
        while (at < body.length()) {
            int headersEnd = body.indexOf('\n', at);
            int recordEnd = headersEnd < 0 ? -1 : body.indexOf('\n', headersEnd + 1);
            if (recordEnd < 0) {
                throw new IllegalArgumentException("a batch message ends inside its record " + (items.size() + 1));
            }
            try {
                items.add(new Item(body.substring(headersEnd + 1, recordEnd),
                        JSON.readValue(body.substring(at, headersEnd), HEADERS)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the headers of record " + (items.size() + 1)
                        + " of a batch message are not a JSON object of strings", e);
            }
            at = recordEnd + 1;
        }
        return items;
    }

    /**
     * The records of the exchange's message as messages of their own, for a route to split: each with the
     * headers of the message it came in (the broker's, such as its redelivery flag) and its own. A message
     * holding one record gives a plain copy of itself. The message taken from the queue always stays
     * with the exchange that took it: handed to the split's exchange itself, a JMS message is re-parented
     * to it, and with that a hub killed beside another (TwoHubsIT) had a few subjects' records delivered
     * out of order in two runs of three; with copies, in every run.
     */
    public static List<Message> records(Exchange exchange) {
        Message in = exchange.getIn();
        if (!isBatch(in)) {
            DefaultMessage record = new DefaultMessage(exchange);
            record.copyFrom(in);
            return List.of(record);
        }
        Map<String, Object> shared = new LinkedHashMap<>(in.getHeaders());
        BATCH_ONLY.forEach(shared::remove);
        List<Item> items = decode(in.getBody(String.class));
        List<Message> records = new ArrayList<>(items.size());
        for (Item item : items) {
            DefaultMessage record = new DefaultMessage(exchange);
            Map<String, Object> headers = new LinkedHashMap<>(shared);
            headers.putAll(item.headers());
            record.setHeaders(headers);
            record.setBody(item.body());
            records.add(record);
        }
        return records;
    }
}
