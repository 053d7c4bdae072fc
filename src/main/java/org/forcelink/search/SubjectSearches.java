package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.Custody;
import org.forcelink.canonical.RecordException;
import org.forcelink.canonical.RecordType;

/**
 * The scatter and the gather of a subject search, called by name from the route subject-search: one
 * query per force system out, and back in the records the purpose may see, the latest custody record of
 * each system, and every system that did not answer in time named with its reason.
 */
public class SubjectSearches {

    /** Order of record types within one force system's results: who, then custody, then the rest. */
    private static final List<RecordType> TYPE_ORDER = List.of(RecordType.NOMINAL, RecordType.CUSTODY,
            RecordType.INTELLIGENCE, RecordType.CRIME, RecordType.CASE_FILE);

    private final Clock clock;
    private final long answerReserveMs;

    /** {@code answerReserveMs}: how much of each search's deadline is kept for logging and writing the answer. */
    public SubjectSearches(Clock clock, long answerReserveMs) {
        this.clock = clock;
        this.answerReserveMs = answerReserveMs;
    }

    /**
     * Starts the gather (a collector on the exchange) and returns one query per usable force system; a
     * system whose configuration cannot be used is recorded as missing at once.
     */
    public List<ForceQuery> scatter(Exchange exchange) {
        SubjectSearch search = exchange.getIn().getBody(SubjectSearch.class);
        SearchCollector collector = new SearchCollector(search.searchId(), search.targets().size());
        exchange.setProperty(SearchExchange.SEARCH, search);
        exchange.setProperty(SearchExchange.COLLECTOR, collector);
        List<ForceQuery> queries = new ArrayList<>();
        for (QueryTarget target : search.targets()) {
            if (target.usable()) {
                queries.add(new ForceQuery(search, target, collector));
            } else {
                collector.offer(target, new ForceOutcome.Missing(target.force(), target.system(),
                        ForceOutcome.Reason.MISCONFIGURED, target.problem(), 0));
            }
        }
        return queries;
    }

    /**
     * Waits for the force systems' outcomes until all are in or the search's deadline less the answer
     * reserve (time kept for logging and writing the answer) has passed, counted from when the request
     * arrived; then closes the search and builds its answer from what arrived in time.
     */
    public SearchAnswer gather(Exchange exchange) throws InterruptedException {
        SubjectSearch search = exchange.getProperty(SearchExchange.SEARCH, SubjectSearch.class);
        long waitMs = Math.max(0, search.deadlineMs() - answerReserveMs);
        Map<String, ForceOutcome> outcomes = exchange.getProperty(SearchExchange.COLLECTOR, SearchCollector.class)
                .awaitAndClose(search.startedNanos() + TimeUnit.MILLISECONDS.toNanos(waitMs));
        Instant answeredAt = clock.instant();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - search.startedNanos());
        FieldFilter fields = search.purpose().fields();
        List<SearchAnswer.Result> results = new ArrayList<>();
        List<SearchAnswer.Answered> answered = new ArrayList<>();
        List<SearchAnswer.Missing> missing = new ArrayList<>();
        List<QueryTarget> targets = search.targets().stream()
                .sorted(Comparator.comparing(QueryTarget::force).thenComparing(QueryTarget::system)).toList();
        for (QueryTarget target : targets) {
            ForceOutcome outcome = outcomes.get(target.name());
            if (outcome == null) {
                missing.add(new SearchAnswer.Missing(target.force(), target.system(), ForceOutcome.Reason.DEADLINE,
                        "no answer within the search's deadline of " + search.deadlineMs() + " ms (waited "
                                + waitMs + " ms)"));
            } else if (outcome instanceof ForceOutcome.Missing gone) {
                missing.add(new SearchAnswer.Missing(gone.force(), gone.system(), gone.reason(), gone.detail()));
            } else if (outcome instanceof ForceOutcome.Answered answer) {
                answered.add(disclose(answer, fields, answeredAt, results));
            }
        }
        results.sort(Comparator.comparing(SearchAnswer.Result::force).thenComparing(SearchAnswer.Result::system)
                .thenComparing(result -> TYPE_ORDER.indexOf(RecordType.fromJson(result.recordType()).orElseThrow()))
                .thenComparing(SearchAnswer.Result::sourceRecordId));
        return new SearchAnswer(search.searchId(), search.purpose().code(), search.query(), search.startedAt(),
                answeredAt, search.deadlineMs(), elapsed, search.targets().size(), List.copyOf(results),
                List.copyOf(answered), List.copyOf(missing));
    }

    /** Adds what the purpose may see of one system's records to {@code results}; says what was kept back. */
    private static SearchAnswer.Answered disclose(ForceOutcome.Answered answer, FieldFilter fields, Instant answeredAt,
            List<SearchAnswer.Result> results) {
        ForceOutcome.Found latestCustody = answer.records().stream()
                .filter(found -> found.record().custody() != null)
                .max(Comparator.comparing((ForceOutcome.Found found) -> custodyTime(found.record().custody()),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(found -> found.record().envelope().sourceRecordId()))
                .orElse(null);
        long ageSeconds = Math.max(0, Duration.between(answer.asOf(), answeredAt).toSeconds());
        int disclosed = 0;
        int withheld = 0;
        int olderCustody = 0;
        for (ForceOutcome.Found found : answer.records()) {
            CanonicalRecord record = found.record();
            if (record.custody() != null && found != latestCustody) {
                olderCustody++;
                continue;
            }
            RecordType type = record.envelope().recordType();
            ObjectNode tree = CanonicalJson.mapper().valueToTree(record);
            JsonNode kept = fields.apply(tree);
            if (kept == null || !kept.has(type.jsonName())) {
                withheld++;
                continue;
            }
            List<RecordException> exceptions = found.exceptions().stream()
                    .filter(exception -> fields.allows(exception.path())).toList();
            results.add(new SearchAnswer.Result(answer.force(), answer.system(), type.jsonName(),
                    record.envelope().sourceRecordId(), answer.asOf(), ageSeconds, kept,
                    exceptions.isEmpty() ? null : exceptions));
            disclosed++;
        }
        return new SearchAnswer.Answered(answer.force(), answer.system(), answer.elapsedMs(),
                answer.records().size() + answer.unreadable(), disclosed, nonZero(withheld), nonZero(olderCustody),
                nonZero(answer.unreadable()));
    }

    /** When a custody record's detention began, as far as it says: arrival, else authorisation, else arrest. */
    private static Instant custodyTime(Custody custody) {
        if (custody.arrivalAt() != null) {
            return custody.arrivalAt();
        }
        if (custody.detentionAuthorised() != null && custody.detentionAuthorised().at() != null) {
            return custody.detentionAuthorised().at();
        }
        return custody.arrest() == null ? null : custody.arrest().at();
    }

    private static Integer nonZero(int count) {
        return count == 0 ? null : count;
    }
}
