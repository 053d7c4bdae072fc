package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * The search's promise: a search across the 44 forces of config/forces, answered by the embedded stubs,
 * with the hub's test settings (per-force timeout 1.5 s, deadline 3 s, set in HubTestSupport).
 */
class SubjectSearchIT extends SearchTestSupport {

    private static final Set<String> SLOW = Set.of("btp", "cumbria", "hampshire");
    private static final String FAILING = "essex";

    @Test
    void fortyAnswersAreMergedAndTheFourMissingAreNamedWithinTheDeadline() throws IOException {
        SLOW.forEach(force -> stub(force, "{\"mode\": \"slow\", \"delayMs\": 10000}"));
        stub(FAILING, "{\"mode\": \"fail\"}");

        long started = System.nanoTime();
        HttpResponse<String> response = search(KENT, byPnc(BRANNIGAN_PNC, "custody",
                "Detained at Maidstone on suspicion of theft; checking risk and medication"));
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(elapsedMs).as("answered within the deadline (3000 ms) plus 200 ms").isLessThanOrEqualTo(3200);
        JsonNode answer = json(response.body());
        assertThat(answer.get("purpose").asText()).isEqualTo("custody");
        assertThat(answer.get("asked").asInt()).isEqualTo(44);
        assertThat(answer.get("deadlineMs").asLong()).isEqualTo(3000);

        // The four missing, each with its reason.
        assertThat(answer.get("missing").toString()).isEqualTo(CanonicalJson.mapper().readTree("""
                [{"force":"btp","system":"intel","reason":"TIMEOUT","detail":"no answer within its timeout of 1500 ms"},
                 {"force":"cumbria","system":"custody-legacy","reason":"TIMEOUT","detail":"no answer within its timeout of 1500 ms"},
                 {"force":"essex","system":"custody","reason":"FAILED","detail":"HTTP 500"},
                 {"force":"hampshire","system":"rms","reason":"TIMEOUT","detail":"no answer within its timeout of 1500 ms"}]
                """).toString());

        // The forty that answered, in force order, with what each returned and what was disclosed.
        Set<String> answering = new TreeSet<>(FORMATS.keySet());
        answering.removeAll(SLOW);
        answering.remove(FAILING);
        assertThat(answering).hasSize(40);
        ArrayNode expectedAnswered = CanonicalJson.mapper().createArrayNode();
        ArrayNode expectedResults = CanonicalJson.mapper().createArrayNode();
        for (String force : answering) {
            expectedAnswered.add(answered(force));
            expectedResults.addAll(expectedResults("custody", force));
        }
        assertThat(without(answer.get("answered"), "elapsedMs").toPrettyString())
                .isEqualTo(expectedAnswered.toPrettyString());
        write("custody-44-forces.json", answer);
        assertThat(without(answer.get("results"), "asOf", "ageSeconds").toPrettyString())
                .isEqualTo(expectedResults.toPrettyString());

        // Every result is tagged with its age: the time from its system's as-of time to the answer.
        Instant answeredAt = Instant.parse(answer.get("answeredAt").asText());
        for (JsonNode result : answer.get("results")) {
            Instant asOf = Instant.parse(result.get("asOf").asText());
            assertThat(result.get("ageSeconds").asLong()).as(result.get("force").asText())
                    .isEqualTo(Math.max(0, Duration.between(asOf, answeredAt).toSeconds()));
        }
    }

    /** What one answering force's entry in "answered" is, by its query format, with the custody purpose. */
    private static JsonNode answered(String force) {
        String[] system = FORMATS.get(force);
        ObjectNode entry = CanonicalJson.mapper().createObjectNode();
        entry.put("force", force);
        entry.put("system", system[0]);
        switch (system[1]) {
            case "canonical-json-query" -> entry.put("returned", 4).put("disclosed", 2).put("withheld", 1)
                    .put("olderCustodyRecords", 1);
            case "rms-json-query", "custody-fixed-width-query" -> entry.put("returned", 1).put("disclosed", 1);
            case "intel-xml-soap-query", "casefile-xml-soap-query", "crime-csv-query" ->
                    entry.put("returned", 1).put("disclosed", 0).put("withheld", 1);
            default -> throw new IllegalStateException(system[1]);
        }
        return entry;
    }

    @Test
    void aCustodySearchNeverReturnsIntelligenceTextThatTheForcesHold() {
        List<String> intelligenceTexts = List.of(
                // canonical-json-query stubs (Kent, Essex, Metropolitan): an intelligence record
                "storing stolen spirits at a lock-up garage",
                // intel-xml-soap-query stubs (BTP, City of London, West Yorkshire): an INTEL_MSG
                "concealed knife when collecting debts");

        String custody = search(KENT, byPnc(BRANNIGAN_PNC, "custody", "Custody risk check")).body();
        String investigation = search(KENT, byPnc(BRANNIGAN_PNC, "investigation", "Operation Larch suspect")).body();

        // The stubs do hold the text: the investigation purpose is shown it, from all six systems.
        JsonNode investigated = json(investigation);
        assertThat(investigated.get("missing")).isEmpty();
        for (String text : intelligenceTexts) {
            assertThat(investigation).contains(text);
        }
        assertThat(investigated.get("results").findValues("text")).hasSize(6);
        // The custody purpose is shown no intelligence at all: no text, no record, no field.
        JsonNode custodyAnswer = json(custody);
        assertThat(custodyAnswer.get("missing")).isEmpty();
        for (String text : intelligenceTexts) {
            assertThat(custody).doesNotContain(text);
        }
        assertThat(custodyAnswer.get("results").findValues("intelligence")).isEmpty();
        assertThat(custodyAnswer.get("results").findValues("text")).isEmpty();
        assertThat(custodyAnswer.get("results")).extracting(result -> result.get("recordType").asText())
                .containsOnly("nominal", "custody");
    }

    /** Keeps the last merged answer under target/ for a reader (it is not an expected file). */
    private static void write(String name, JsonNode answer) throws IOException {
        Path dir = Path.of("target", "search");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), answer.toPrettyString());
    }
}
