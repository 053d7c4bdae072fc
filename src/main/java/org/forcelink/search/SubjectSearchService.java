package org.forcelink.search;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Runs a subject search for an identified caller: checks the purpose and the caller's entitlement to it,
 * chooses the force systems to ask, and hands the search to the route subject-search.
 */
public class SubjectSearchService {

    private static final Logger log = LoggerFactory.getLogger(SubjectSearchService.class);

    public static final String ROUTE = "direct:subject-search";

    private final ProducerTemplate template;
    private final Reloadable<SearchPolicy> policy;
    private final QueryTargets targets;
    private final SearchSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public SubjectSearchService(ProducerTemplate template, Reloadable<SearchPolicy> policy, QueryTargets targets,
            SearchSettings settings, Clock clock, MeterRegistry meters) {
        this.template = template;
        this.policy = policy;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** The policy in force, or a 503 refusal when config/search.yaml has never loaded. */
    public SearchPolicy policy() {
        SearchPolicy current = policy.get();
        if (current == null) {
            throw new SearchRefusal(HttpStatus.SERVICE_UNAVAILABLE, "search-unavailable", "Service Unavailable",
                    "subject search is not available: its policy (config/search.yaml) is not loaded");
        }
        return current;
    }

    /**
     * Searches; refuses (with a {@link SearchRefusal}) a purpose that does not exist or that the caller may
     * not use, and a force that is not connected.
     */
    public SearchAnswer search(SearchCaller caller, SearchRequest request) {
        SearchPolicy current = policy();
        SearchPolicy.Purpose purpose = current.purpose(request.purpose()).orElseThrow(() -> new SearchRefusal(
                HttpStatus.BAD_REQUEST, "unknown-purpose", "Bad Request", "purpose '" + request.purpose()
                        + "' is not one of " + String.join(", ", current.purposeCodes())));
        if (!current.mayUse(caller, purpose.code())) {
            throw new SearchRefusal(HttpStatus.FORBIDDEN, "search-not-permitted", "Forbidden",
                    caller.kind() + " " + caller.id() + " may not search for purpose '" + purpose.code() + "'");
        }
        List<QueryTarget> asked = targets.forQuery(request.subject());
        SubjectSearch search = new SubjectSearch(UUID.randomUUID().toString(), caller, request.subject(), purpose,
                request.reason(), clock.instant(), System.nanoTime(), settings.deadlineMs(), asked);
        SearchAnswer answer;
        try {
            answer = template.requestBody(ROUTE, search, SearchAnswer.class);
        } catch (CamelExecutionException e) {
            // The route's own failures (the search log unavailable) surface as what they are.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        record(answer);
        log.info("search {} by {} {} for {}: {} of {} systems answered, {} records disclosed, {} ms",
                answer.searchId(), caller.kind(), caller.id(), purpose.code(), answer.answered().size(), answer.asked(),
                answer.results().size(), answer.elapsedMs());
        return answer;
    }

    /**
     * Metrics for operators: how long searches take, and per force system how often it answers, times out
     * or fails ({@code forcelink.search.duration}, {@code forcelink.search.systems}).
     */
    private void record(SearchAnswer answer) {
        Timer.builder("forcelink.search.duration").description("Federated subject searches, request to answer")
                .tag("purpose", answer.purpose()).register(meters)
                .record(answer.elapsedMs(), TimeUnit.MILLISECONDS);
        answer.answered().forEach(a -> systemOutcome(a.force(), a.system(), "ANSWERED"));
        answer.missing().forEach(m -> systemOutcome(m.force(), m.system(), m.reason().name()));
    }

    private void systemOutcome(String force, String system, String outcome) {
        Counter.builder("forcelink.search.systems").description("Force systems asked by subject searches, by outcome")
                .tag("force", force).tag("system", system).tag("outcome", outcome).register(meters).increment();
    }
}
