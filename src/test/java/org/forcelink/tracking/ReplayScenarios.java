package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.replay.DeadLetters;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replay from a recipient's dead letters and by search: a dry run first that shows, per record, what was
 * delivered against what would be sent now; then the run, which re-sends each record under its original
 * message id; a bulk replay waits for a second operator; and replaying records the recipient already has
 * sends nothing new.
 */
public interface ReplayScenarios extends Hub {

    Duration REPLAY = Duration.ofSeconds(90);
    String NEVER_DELIVERED = "never delivered to pnd; dead-lettered: IOException: PND is unreachable";

    @Test
    default void hundredDeadLettersAreReplayedAfterADryRunAndASecondReplaySendsNothingNew() {
        DeadLetters deadLetters = bean(DeadLetters.class);
        assertThat(deadLetters.count("pnd")).isZero();
        Map<String, String> expected = deadLetterCrimes(100);
        assertThat(expected.keySet()).allSatisfy(id -> assertThat(feedFile("pnd", id)).doesNotExist());

        JsonNode plan = plan("operator", "{\"source\":\"dead-letters\",\"recipient\":\"pnd\","
                + "\"reason\":\"PND outage 29 November\"}");

        JsonNode job = plan.get("job");
        String jobId = job.get("id").asText();
        assertThat(job.get("status").asText()).isEqualTo("PLANNED");
        assertThat(job.get("source").asText()).isEqualTo("dead-letters");
        assertThat(job.get("recipient").asText()).isEqualTo("pnd");
        assertThat(job.get("requestedBy").asText()).isEqualTo("operator");
        assertThat(job.get("remap").asBoolean()).isFalse();
        assertThat(job.get("approvalRequired").asBoolean()).isFalse();
        assertThat(job.get("counts").toString()).isEqualTo("{\"planned\":100,\"toSend\":100,\"toSkip\":0,\"errors\":0,"
                + "\"sent\":0,\"skipped\":0,\"failed\":0}");
        Set<String> planned = new HashSet<>();
        for (JsonNode item : plan.get("items")) {
            String id = item.get("messageId").asText();
            planned.add(id);
            assertThat(expected).containsKey(id);
            assertThat(item.get("recipient").asText()).isEqualTo("pnd");
            assertThat(item.get("action").asText()).isEqualTo("SEND");
            assertThat(item.get("status").asText()).isEqualTo("PLANNED");
            assertThat(item.has("delivered")).as("never delivered before").isFalse();
            assertThat(item.get("nowSha256").asText()).isEqualTo(Hashes.sha256(expected.get(id)));
            assertThat(item.get("detail").asText()).isEqualTo(NEVER_DELIVERED);
            assertThat(item.has("changes")).isFalse();
        }
        assertThat(planned).isEqualTo(expected.keySet());
        assertThat(deadLetters.count("pnd")).as("a dry run takes nothing").isEqualTo(100);
        assertThat(expected.keySet()).allSatisfy(id -> assertThat(feedFile("pnd", id)).doesNotExist());

        JsonNode done = run("operator", jobId);

        assertThat(done.get("counts").toString()).isEqualTo("{\"planned\":100,\"toSend\":100,\"toSkip\":0,"
                + "\"errors\":0,\"sent\":100,\"skipped\":0,\"failed\":0}");
        assertThat(done.get("startedBy").asText()).isEqualTo("operator");
        await().atMost(DELIVERY).until(() -> expected.keySet().stream().allMatch(id -> Files.exists(feedFile("pnd", id))));
        journeysWritten();
        assertThat(deadLetters.count("pnd")).isZero();
        for (Map.Entry<String, String> record : expected.entrySet()) {
            String id = record.getKey();
            assertThat(read(feedFile("pnd", id))).isEqualTo(record.getValue());
            assertThat(steps(id, "delivered")).containsExactly("pnd-out pnd");
            assertThat(steps(id, "replayed")).containsExactly("replay " + jobId + " pnd re-sent to pnd by replay " + jobId
                    + " requested by operator: PND outage 29 November");
            assertThat(pndDeliveries(id)).containsExactly(jobId);
        }

        JsonNode deadLettersAgain = plan("operator", "{\"source\":\"dead-letters\",\"recipient\":\"pnd\","
                + "\"reason\":\"second look at the dead letters\"}");
        assertThat(deadLettersAgain.get("job").get("counts").get("planned").asInt()).isZero();
        assertThat(run("operator", deadLettersAgain.get("job").get("id").asText()).get("counts").get("sent").asInt())
                .isZero();

        JsonNode sameRecords = plan("operator", "{\"source\":\"search\",\"recipient\":\"pnd\",\"messageIds\":"
                + ids(expected.keySet()) + ",\"reason\":\"check nothing is sent twice\"}");

        assertThat(sameRecords.get("job").get("remap").asBoolean()).isTrue();
        assertThat(sameRecords.get("job").get("counts").toString()).isEqualTo("{\"planned\":100,\"toSend\":0,"
                + "\"toSkip\":100,\"errors\":0,\"sent\":0,\"skipped\":0,\"failed\":0}");
        for (JsonNode item : sameRecords.get("items")) {
            String sha = Hashes.sha256(expected.get(item.get("messageId").asText()));
            assertThat(item.get("action").asText()).isEqualTo("SKIP");
            assertThat(item.get("delivered").get("sha256").asText()).isEqualTo(sha);
            assertThat(item.get("nowSha256").asText()).isEqualTo(sha);
            assertThat(item.get("detail").asText()).isEqualTo("already delivered to pnd with the same content");
            assertThat(item.get("changes").toString()).isEqualTo("[]");
        }
        JsonNode second = run("operator", sameRecords.get("job").get("id").asText());
        assertThat(second.get("counts").get("sent").asInt()).isZero();
        assertThat(second.get("counts").get("skipped").asInt()).isEqualTo(100);
        journeysWritten();
        for (Map.Entry<String, String> record : expected.entrySet()) {
            assertThat(steps(record.getKey(), "delivered")).hasSize(1);
            assertThat(steps(record.getKey(), "replayed")).hasSize(1);
            assertThat(pndDeliveries(record.getKey())).containsExactly(jobId);
            assertThat(read(feedFile("pnd", record.getKey()))).isEqualTo(record.getValue());
        }
    }

    @Test
    default void aBulkReplayAboveTheThresholdWaitsForASecondOperatorsApproval() {
        DeadLetters deadLetters = bean(DeadLetters.class);
        assertThat(deadLetters.count("pnd")).isZero();
        Map<String, String> expected = deadLetterCrimes(101);

        JsonNode job = plan("admin", "{\"source\":\"dead-letters\",\"recipient\":\"pnd\",\"reason\":\"PND back\"}")
                .get("job");
        String jobId = job.get("id").asText();

        assertThat(job.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(job.get("approvalRequired").asBoolean()).isTrue();
        HttpResponse<String> unapproved = postAs("admin", "/api/v1/replays/" + jobId + "/start", null);
        assertThat(unapproved.statusCode()).isEqualTo(409);
        assertThat(Hub.json(unapproved.body()).get("detail").asText()).isEqualTo("replay " + jobId + " sends 101 records,"
                + " more than 100: a second operator must approve it first (POST /api/v1/replays/" + jobId + "/approve)");
        assertThat(postAs("operator", "/api/v1/replays/" + jobId + "/approve", null).statusCode()).isEqualTo(403);
        HttpResponse<String> self = postAs("admin", "/api/v1/replays/" + jobId + "/approve", null);
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(Hub.json(self.body()).get("detail").asText())
                .isEqualTo("a replay is approved by a second operator, not by admin who requested it");
        HttpResponse<String> approved = postAs("approver", "/api/v1/replays/" + jobId + "/approve", null);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(Hub.json(approved.body()).get("status").asText()).isEqualTo("APPROVED");
        assertThat(Hub.json(approved.body()).get("approvedBy").asText()).isEqualTo("approver");
        assertThat(deadLetters.count("pnd")).as("nothing sent before the start").isEqualTo(101);

        JsonNode done = run("admin", jobId);

        assertThat(done.get("counts").get("sent").asInt()).isEqualTo(101);
        await().atMost(DELIVERY).until(() -> expected.keySet().stream().allMatch(id -> Files.exists(feedFile("pnd", id))));
        journeysWritten();
        assertThat(deadLetters.count("pnd")).isZero();
        String any = expected.keySet().iterator().next();
        assertThat(steps(any, "replayed")).containsExactly("replay " + jobId + " pnd re-sent to pnd by replay " + jobId
                + " requested by admin, approved by approver: PND back");
    }

    @Test
    default void aDryRunShowsTheFieldsThatChangedSinceTheLastDeliveryAndTheRunReplacesTheRecord() {
        String reference = Hub.unique("46/");
        String pnc = Hub.pncId();
        JsonNode ack = accepted("crime", KENT, Hub.crimeRecord(reference, pnc));
        String id = ack.get("messageId").asText();
        String now = expectedCrime(reference, pnc, ack);
        await().atMost(DELIVERY).until(() -> Files.exists(feedFile("pnd", id)) && pndDeliveries(id).size() == 1);
        // What an older mapping sent: another status and officer; the record as mapped now says otherwise.
        String was = now.replace("\"status\":\"Charged\"", "\"status\":\"Under investigation\"")
                .replace("\"officerInCase\":\"DC 20871 Nwosu\"", "\"officerInCase\":\"DC 20871\"");
        bean(JdbcTemplate.class).update("update delivery_log set content = ?, content_sha256 = ? where message_id = ?",
                was, Hashes.sha256(was), id);

        JsonNode plan = plan("operator", "{\"source\":\"search\",\"recipient\":\"pnd\",\"messageIds\":[\"" + id + "\"],"
                + "\"reason\":\"crime mapping fix\"}");

        JsonNode item = plan.get("items").get(0);
        assertThat(item.get("action").asText()).isEqualTo("SEND");
        assertThat(item.get("delivered").get("sha256").asText()).isEqualTo(Hashes.sha256(was));
        assertThat(item.get("nowSha256").asText()).isEqualTo(Hashes.sha256(now));
        assertThat(item.get("detail").asText()).isEqualTo("delivered to pnd before with different content");
        assertThat(item.get("changes").toString()).isEqualTo("[{\"path\":\"/crime/status\",\"was\":\"Under investigation\","
                + "\"now\":\"Charged\"},{\"path\":\"/crime/officerInCase\",\"was\":\"DC 20871\",\"now\":\"DC 20871 Nwosu\"}]");
        JsonNode views = Hub.json(getAs("admin", "/api/v1/messages/" + id + "/views").body()).get("views");
        assertThat(views.get(views.size() - 1).get("action").asText()).isEqualTo("replay-diff");
        assertThat(views.get(views.size() - 1).get("reason").asText())
                .isEqualTo("replay " + plan.get("job").get("id").asText() + ": crime mapping fix");

        JsonNode done = run("operator", plan.get("job").get("id").asText());

        assertThat(done.get("counts").get("sent").asInt()).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> pndDeliveries(id).size() == 2);
        assertThat(read(feedFile("pnd", id))).isEqualTo(now);
        assertThat(plan("operator", "{\"source\":\"search\",\"recipient\":\"pnd\",\"messageIds\":[\"" + id + "\"],"
                + "\"reason\":\"again\"}").get("items").get(0).get("action").asText()).isEqualTo("SKIP");
    }

    @Test
    default void aForceScopedOperatorReplaysOnlyItsForcesDeadLetters() {
        DeadLetters deadLetters = bean(DeadLetters.class);
        assertThat(deadLetters.count("pnd")).isZero();
        String kent;
        String essex;
        pndOutage().down();
        try {
            kent = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId())).get("messageId").asText();
            essex = accepted("custody", ESSEX, Hub.custodyRecord(Hub.unique("42CH/"), Hub.pncId())).get("messageId")
                    .asText();
            await().atMost(REPLAY).until(() -> deadLetters.count("pnd") == 2);
        } finally {
            pndOutage().up();
        }

        JsonNode kentPlan = plan("kent-operator", "{\"source\":\"dead-letters\",\"recipient\":\"pnd\","
                + "\"reason\":\"Kent records after the outage\"}");
        assertThat(kentPlan.get("items").findValuesAsText("messageId")).containsExactly(kent);
        assertThat(getAs("kent-operator", "/api/v1/replays/" + kentPlan.get("job").get("id").asText()).statusCode())
                .isEqualTo(200);
        run("kent-operator", kentPlan.get("job").get("id").asText());
        assertThat(deadLetters.browse("pnd", 10)).singleElement()
                .satisfies(letter -> assertThat(letter.messageId()).isEqualTo(essex));

        JsonNode hubPlan = plan("operator", "{\"source\":\"dead-letters\",\"recipient\":\"pnd\",\"reason\":\"the rest\"}");
        assertThat(hubPlan.get("items").findValuesAsText("messageId")).containsExactly(essex);
        assertThat(getAs("kent-operator", "/api/v1/replays/" + hubPlan.get("job").get("id").asText()).statusCode())
                .isEqualTo(404);
        run("operator", hubPlan.get("job").get("id").asText());
        assertThat(deadLetters.count("pnd")).isZero();
        await().atMost(DELIVERY).until(() -> Files.exists(feedFile("pnd", kent)) && Files.exists(feedFile("pnd", essex)));
    }

    /** Submits crime records while PND is down and waits until all are dead letters; returns id → exact canonical. */
    private Map<String, String> deadLetterCrimes(int count) {
        Map<String, String> expected = new LinkedHashMap<>();
        DeadLetters deadLetters = bean(DeadLetters.class);
        pndOutage().down();
        try {
            for (int i = 0; i < count; i++) {
                String reference = Hub.unique("46/");
                String pnc = Hub.pncId();
                JsonNode ack = accepted("crime", KENT, Hub.crimeRecord(reference, pnc));
                expected.put(ack.get("messageId").asText(), expectedCrime(reference, pnc, ack));
            }
            await().atMost(REPLAY).until(() -> deadLetters.count("pnd") == count);
        } finally {
            pndOutage().up();
        }
        journeysWritten();
        return expected;
    }

    private JsonNode plan(String operator, String request) {
        HttpResponse<String> response = postAs(operator, "/api/v1/replays", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Hub.json(response.body());
    }

    /** Starts a planned job and waits until it completed. */
    private JsonNode run(String operator, String jobId) {
        HttpResponse<String> started = postAs(operator, "/api/v1/replays/" + jobId + "/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(REPLAY).until(() -> Hub.json(getAs("viewer", "/api/v1/replays/" + jobId).body()).get("status")
                .asText().equals("COMPLETED"));
        return Hub.json(getAs("viewer", "/api/v1/replays/" + jobId).body());
    }

    /** The replay jobs of each delivery of the record to pnd ("" for the first, not replayed, delivery). */
    private List<String> pndDeliveries(String messageId) {
        List<String> jobs = new ArrayList<>();
        bean(DeliveryLog.class).deliveries(messageId).stream().filter(d -> d.recipient().equals("pnd"))
                .forEach(d -> jobs.add(d.replayJob() == null ? "" : d.replayJob()));
        return jobs;
    }

    /** Steps of one type on the record's journey, as "actor recipient detail" (or "actor recipient"). */
    private List<String> steps(String messageId, String type) {
        List<String> steps = new ArrayList<>();
        Hub.json(getAs("admin", "/api/v1/messages/" + messageId).body()).get("events").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                steps.add(e.get("actor").asText() + " " + e.path("recipient").asText("-")
                        + (type.equals("delivered") ? "" : " " + e.get("detail").asText()));
            }
        });
        return steps;
    }

    /** The exact canonical JSON the hub makes of {@link Hub#crimeRecord}: the golden case's expected output. */
    private static String expectedCrime(String reference, String pnc, JsonNode ack) {
        try {
            String golden = Files.readString(Path.of("mappings/canonical-json/cases/crime-two-offences/expected.json"))
                    .replace("46/221874/26", reference).replace("2008/0123456X", pnc);
            ObjectNode record = (ObjectNode) CanonicalJson.mapper().readTree(golden);
            ObjectNode envelope = (ObjectNode) record.get("envelope");
            envelope.put("messageId", ack.get("messageId").asText());
            envelope.put("sourceSystem", "crime");
            envelope.put("receivedAt", ack.get("receivedAt").asText());
            return CanonicalJson.mapper().writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ids(Set<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").toList().toString().replace(" ", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
