package org.forcelink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The batch path of the ingest gate: each record answered as submit() would answer it, in order, accepted
 * records made durable 500 to a broker transaction, and a batch the broker refuses accepted not at all.
 */
class IngestServiceSubmitAllTest {

    private final IngestFixture fixture = new IngestFixture();

    private static Submission record(String payload, String key) {
        return new Submission("inbox/kent/custody-export", "kent", "custody-export", "file", "application/json",
                payload.getBytes(StandardCharsets.UTF_8), key);
    }

    private static List<Submission> nominals(int count, String keyPrefix) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> record(IngestFixture.caseLine("nominal", "KT-P-" + i), keyPrefix + i))
                .toList();
    }

    @Test
    void answersEveryRecordInOrderAndSendsTheAcceptedOnesOfEach500ToATransaction() {
        List<Submission> submissions = new ArrayList<>(nominals(1001, "k"));
        submissions.add(3, record("{\"envelope\": {", "bad-1"));
        submissions.add(700, record("[]", "bad-2"));

        List<IngestResult> results = fixture.ingest.submitAll(submissions);

        assertThat(results).hasSize(1003);
        assertThat(IntStream.range(0, results.size())
                .filter(i -> results.get(i).outcome() == IngestResult.Outcome.REJECTED))
                .containsExactly(3, 700);
        assertThat(results.get(3).acknowledgement().exceptions().get(0).code()).isEqualTo("FL-UNPARSEABLE");
        assertThat(results.get(700).acknowledgement().exceptions().get(0).code()).isEqualTo("FL-NOT-A-RECORD");
        assertThat(results.stream().filter(r -> r.outcome() == IngestResult.Outcome.ACCEPTED)).hasSize(1001);
        // Runs cut by position (records 1-500, 501-1000, 1001-1003), each without its rejected record.
        assertThat(fixture.queue.transactions).containsExactly(499, 499, 3);
        // In submission order, each under the message id its answer gave.
        List<String> acceptedIds = results.stream().filter(r -> r.outcome() == IngestResult.Outcome.ACCEPTED)
                .map(r -> r.acknowledgement().messageId()).toList();
        assertThat(fixture.queue.sent).extracting(o -> o.headers().get("forcelinkMessageId"))
                .containsExactlyElementsOf(acceptedIds);
        assertThat(fixture.quarantine.kept).extracting(IngestFixture.MemoryQuarantine.Kept::payload)
                .containsExactly("{\"envelope\": {", "[]");
        String firstId = results.get(0).acknowledgement().messageId();
        assertThat(fixture.queue.body(firstId)).isEqualTo(IngestFixture.expectedCanonical("nominal", "custody-export",
                firstId).replace("\"sourceRecordId\":\"KT-P-0051377\"", "\"sourceRecordId\":\"KT-P-1\""));
    }

    @Test
    void batchTheBrokerRefusesIsNotAcceptedAndItsKeysAreGivenUpForTheRetry() {
        fixture.queue.refuse = true;

        List<IngestResult> refused = fixture.ingest.submitAll(nominals(3, "k"));

        assertThat(refused).extracting(IngestResult::outcome).containsOnly(IngestResult.Outcome.UNAVAILABLE);
        assertThat(refused.get(0).detail())
                .isEqualTo("the record could not be made durable; nothing was accepted, retry");
        // Each key is given up (not forgotten): the retry takes it over, keeping the first message id.
        assertThat(fixture.idempotency.keys.values()).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.httpStatus()).isEqualTo(IdempotencyStore.GAVE_UP);
            assertThat(entry.answer()).isNull();
        });
        assertThat(fixture.queue.sent).isEmpty();

        fixture.queue.refuse = false;
        List<IngestResult> retried = fixture.ingest.submitAll(nominals(3, "k"));

        assertThat(retried).extracting(IngestResult::outcome).containsOnly(IngestResult.Outcome.ACCEPTED);
        assertThat(fixture.queue.sent).hasSize(3);
    }

    @Test
    void sameKeysAgainGetTheFirstAnswersAndNothingIsSentTwice() {
        List<IngestResult> first = fixture.ingest.submitAll(nominals(3, "k"));
        List<IngestResult> again = fixture.ingest.submitAll(nominals(3, "k"));

        assertThat(again).extracting(IngestResult::outcome).containsOnly(IngestResult.Outcome.REPLAYED);
        assertThat(again).extracting(r -> r.acknowledgement().messageId())
                .containsExactlyElementsOf(first.stream().map(r -> r.acknowledgement().messageId()).toList());
        assertThat(fixture.queue.sent).hasSize(3);
    }

    @Test
    void submitStillSendsOneRecordAtATime() {
        IngestResult result = fixture.ingest.submit(record(IngestFixture.caseLine("nominal"), null));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.ACCEPTED);
        assertThat(fixture.queue.transactions).containsExactly(1);
        assertThat(fixture.queue.body(result.acknowledgement().messageId())).isEqualTo(
                IngestFixture.expectedCanonical("nominal", "custody-export", result.acknowledgement().messageId()));
    }
}
