package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real subject-search, subject-search-scatter and subject-search-force routes with the real beans;
 * only the HTTP call to each force system is replaced by a fake that answers, hangs, times out, refuses
 * or fails as each test says, and the search log is recorded instead of written.
 */
class SubjectSearchRouteTest extends CamelTestSupport {

    private static final String ANSWER = """
            {"asOf": "2026-11-29T09:00:00Z", "records": [
              {"envelope": {"sourceRecordId": "P-1", "recordType": "nominal"},
               "nominal": {"pncId": "2008/0123456X", "surname": "Brannigan", "forenames": ["Callum"],
                           "dateOfBirth": "1990-02-14", "addresses": [{"town": "Maidstone"}],
                           "warningMarkers": [{"code": "SH", "description": "Self-harm"}]}}]}
            """;

    /** What each fake force system does with a query, by force. */
    private final Map<String, FakeForce> forces = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private final RecordingLog log = new RecordingLog();
    private ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ExecutorService scatter = Executors.newCachedThreadPool();

    private interface FakeForce {
        void answer(Exchange exchange) throws Exception;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("forcelink.search.deadline-ms", "1000");
        return properties;
    }

    private void start() throws Exception {
        context.getRegistry().bind("searchLog", log);
        context.getRegistry().bind("subjectSearches", new SubjectSearches(java.time.Clock.systemUTC(), 100));
        context.getRegistry().bind("forceQueries", new ForceQueries(SearchFixtures.MAPPERS,
                new SearchSettings(1000, 1000, 100, 8, 4, 65536, 1_000_000, 100, null), java.time.Clock.systemUTC()));
        context.getRegistry().bind("subjectSearchExecutor", pool);
        context.getRegistry().bind("subjectSearchScatterExecutor", scatter);
        for (String route : List.of("subject-search", "subject-search-scatter", "subject-search-force")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveResource(context, "file:routes/" + route + ".camel.yaml"));
        }
        AdviceWith.adviceWith(context, "subject-search-force", route -> route.weaveById("force-query").replace()
                .process(exchange -> {
                    String force = exchange.getProperty(SearchExchange.FORCE_QUERY, ForceQuery.class).target().force();
                    asked.computeIfAbsent(force, f -> new AtomicInteger()).incrementAndGet();
                    forces.get(force).answer(exchange);
                }));
        context.start();
    }

    @AfterEach
    void release() {
        hang.countDown();
        pool.shutdownNow();
        scatter.shutdownNow();
    }

    @Test
    void answersWithWhatArrivedByTheDeadlineAndNamesEveryOtherSystemWithItsReason() throws Exception {
        forces.put("kent", exchange -> answer(exchange, 200, ANSWER));
        forces.put("essex", exchange -> hang.await());
        forces.put("cumbria", exchange -> {
            throw new SocketTimeoutException("Read timed out");
        });
        forces.put("durham", exchange -> {
            throw new ConnectException("Connection refused");
        });
        forces.put("dorset", exchange -> answer(exchange, 503, "busy"));
        forces.put("gwent", exchange -> answer(exchange, 200, "{\"asOf\": "));
        start();
        QueryFormat json = SearchFixtures.format("canonical-json-query");
        List<QueryTarget> targets = List.of(target("kent", json, 1000), target("essex", json, 60_000),
                target("cumbria", json, 1000), target("durham", json, 1000), target("dorset", json, 1000),
                target("gwent", json, 1000), QueryTarget.unusable("norfolk", "casefile", "its query: block has no url"));
        SubjectSearch search = search(targets);

        SearchAnswer answer = template.requestBody(SubjectSearchService.ROUTE, search, SearchAnswer.class);

        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - search.startedNanos());
        // Waited until the deadline less the reserve (900 ms), and not for Essex, which never answers by itself;
        // the upper bound is loose so that a loaded machine does not fail it.
        assertThat(elapsed).isGreaterThanOrEqualTo(900L).isLessThan(5000L);
        assertThat(answer.missing()).containsExactly(
                new SearchAnswer.Missing("cumbria", "custody", ForceOutcome.Reason.TIMEOUT,
                        "no answer within its timeout of 1000 ms"),
                new SearchAnswer.Missing("dorset", "custody", ForceOutcome.Reason.FAILED, "HTTP 503"),
                new SearchAnswer.Missing("durham", "custody", ForceOutcome.Reason.FAILED, "connection refused"),
                new SearchAnswer.Missing("essex", "custody", ForceOutcome.Reason.DEADLINE,
                        "no answer within the search's deadline of 1000 ms (waited 900 ms)"),
                new SearchAnswer.Missing("gwent", "custody", ForceOutcome.Reason.UNREADABLE,
                        "the answer is not valid JSON (at line 1)"),
                new SearchAnswer.Missing("norfolk", "casefile", ForceOutcome.Reason.MISCONFIGURED,
                        "its query: block has no url"));
        assertThat(answer.answered()).hasSize(1);
        assertThat(answer.answered().get(0)).usingRecursiveComparison().ignoringFields("elapsedMs")
                .isEqualTo(new SearchAnswer.Answered("kent", "custody", 0, 1, 1, null, null, null));
        assertThat(answer.results()).hasSize(1);
        SearchAnswer.Result kent = answer.results().get(0);
        assertThat(kent.asOf()).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        // Custody purpose of the test: identity and markers, not the address.
        assertThat(kent.record().toString()).isEqualTo("{\"envelope\":{\"sourceRecordId\":\"P-1\"},\"nominal\":"
                + "{\"pncId\":\"2008/0123456X\",\"surname\":\"Brannigan\",\"warningMarkers\":[{\"code\":\"SH\","
                + "\"description\":\"Self-harm\"}]}}");
        assertThat(log.started).containsExactly(search);
        assertThat(log.completed).containsExactly(answer);

        // Essex answers after the deadline: dropped, neither disclosed nor logged as disclosed.
        hang.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getInflightRepository().size() == 0);
        assertThat(log.completed).containsExactly(answer);
        assertThat(asked).containsOnlyKeys("kent", "essex", "cumbria", "durham", "dorset", "gwent");
    }

    @Test
    void aQueryStillWaitingForAThreadWhenTheSearchIsAnsweredIsNeverSent() throws Exception {
        pool = Executors.newFixedThreadPool(1);
        forces.put("kent", exchange -> hang.await());
        forces.put("essex", exchange -> answer(exchange, 200, ANSWER));
        start();
        QueryFormat json = SearchFixtures.format("canonical-json-query");

        SearchAnswer answer = template.requestBody(SubjectSearchService.ROUTE,
                search(List.of(target("kent", json, 60_000), target("essex", json, 60_000))), SearchAnswer.class);

        assertThat(answer.missing()).extracting(SearchAnswer.Missing::reason)
                .containsExactly(ForceOutcome.Reason.DEADLINE, ForceOutcome.Reason.DEADLINE);
        hang.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getInflightRepository().size() == 0);
        assertThat(asked).containsOnlyKeys("kent");
    }

    @Test
    void whenTheDisclosuresCannotBeLoggedTheSearchFailsAndDisclosesNothing() throws Exception {
        forces.put("kent", exchange -> answer(exchange, 200, ANSWER));
        log.failOnCompleted = true;
        start();

        assertThatThrownBy(() -> template.requestBody(SubjectSearchService.ROUTE,
                search(List.of(target("kent", SearchFixtures.format("canonical-json-query"), 1000))),
                SearchAnswer.class))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("search log unavailable");
        assertThat(log.started).hasSize(1);
        assertThat(log.completed).isEmpty();
    }

    private static void answer(Exchange exchange, int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static QueryTarget target(String force, QueryFormat format, long timeoutMs) {
        return new QueryTarget(force, "custody", format, "http://127.0.0.1:9/" + force, timeoutMs, null, null);
    }

    private static SubjectSearch search(List<QueryTarget> targets) {
        SearchPolicy.Purpose purpose = new SearchPolicy.Purpose("custody", "", new FieldFilter(List.of(
                "/envelope/sourceRecordId", "/nominal/pncId", "/nominal/surname", "/nominal/warningMarkers")));
        return new SubjectSearch(UUID.randomUUID().toString(), SearchCaller.credential("kent-hub", "kent"),
                new SubjectQuery("2008/0123456X", null, null, (LocalDate) null, null, null), purpose, "test",
                Instant.now(), System.nanoTime(), 1000, targets);
    }

    /** Records the search log's calls instead of writing them; can be told to fail like a lost database. */
    static final class RecordingLog extends SearchLog {

        final List<SubjectSearch> started = new CopyOnWriteArrayList<>();
        final List<SearchAnswer> completed = new CopyOnWriteArrayList<>();
        volatile boolean failOnCompleted;

        RecordingLog() {
            super(null, null, java.time.Clock.systemUTC());
        }

        @Override
        public void started(SubjectSearch search) {
            started.add(search);
        }

        @Override
        public void completed(SearchAnswer answer) {
            if (failOnCompleted) {
                throw new org.springframework.dao.DataAccessResourceFailureException("search log unavailable");
            }
            completed.add(answer);
        }
    }
}
