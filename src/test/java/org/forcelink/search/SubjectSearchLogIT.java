package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accountability: every search and every record it disclosed is in the search log, and
 * GET /api/v1/subjects/searches finds them by the subject's PNC ID or name and date of birth, showing a
 * force what it may see.
 */
class SubjectSearchLogIT extends SearchTestSupport {

    private static final String CUMBRIA = "dev-token-cumbria";
    private static final String SURREY = "dev-token-surrey";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void searchesAndWhatTheyDisclosedAreFoundByEitherKeyOfTheSubject() {
        stub("norfolk", "{\"mode\": \"fail\"}");
        JsonNode byPnc = json(search(KENT, byPnc(BRANNIGAN_PNC, "custody", "Kent custody desk: risk check")).body());
        JsonNode byName = json(search(CUMBRIA, """
                {"subject": {"surname": "Brannigan", "forename": "Callum", "dateOfBirth": "1990-02-14"},
                 "purpose": "custody", "reason": "Carlisle custody: detainee gave this name"}""").body());
        String first = byPnc.get("searchId").asText();
        String second = byName.get("searchId").asText();

        // Kent made the first search: it sees it whole, every system asked and every record disclosed.
        JsonNode kentView = logged(KENT, BRANNIGAN_PNC);
        JsonNode own = entry(kentView, first);
        assertThat(own.get("caller").toString()).isEqualTo(
                "{\"kind\":\"credential\",\"id\":\"kent-hub\",\"force\":\"kent\"}");
        assertThat(own.get("purpose").asText()).isEqualTo("custody");
        assertThat(own.get("reason").asText()).isEqualTo("Kent custody desk: risk check");
        assertThat(own.get("subject").toString()).isEqualTo("{\"pncId\":\"2008/0123456X\"}");
        assertThat(own.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(own.get("asked").asInt()).isEqualTo(44);
        assertThat(own.get("forces")).hasSize(44);
        assertThat(without(own.get("forces"), "elapsedMs")).filteredOn(row -> !row.get("outcome").asText()
                .equals("ANSWERED")).extracting(JsonNode::toString).containsExactly(
                "{\"force\":\"norfolk\",\"system\":\"casefile\",\"outcome\":\"FAILED\",\"detail\":\"SOAP fault soapenv:Server (HTTP 500)\"}");
        assertThat(disclosures(own)).isEqualTo(disclosures(byPnc.get("results")));
        assertThat(own.get("disclosed")).hasSize(36);

        // Cumbria searched by name: Kent sees that search too, because Kent's records were disclosed in it,
        // but only its own disclosures and its own system's outcome.
        JsonNode other = entry(kentView, second);
        assertThat(other.get("caller").get("id").asText()).isEqualTo("cumbria-hub");
        assertThat(other.get("reason").asText()).isEqualTo("Carlisle custody: detainee gave this name");
        assertThat(without(other.get("forces"), "elapsedMs").toString()).isEqualTo(
                "[{\"force\":\"kent\",\"system\":\"custody\",\"outcome\":\"ANSWERED\",\"returned\":4,\"disclosed\":2}]");
        assertThat(disclosures(other)).containsExactly("kent/custody/custody/46CS/01873/26",
                "kent/custody/nominal/46-P-0048213");

        // The name and date of birth find both: the first search disclosed records naming them.
        JsonNode byNameView = logged(CUMBRIA, "brannigan,callum,1990-02-14");
        assertThat(byNameView.get("key").asText()).isEqualTo("name:BRANNIGAN|CALLUM|1990-02-14");
        assertThat(entry(byNameView, second).get("disclosed")).hasSize(byName.get("results").size());
        assertThat(disclosures(entry(byNameView, first))).containsExactly(
                "cumbria/custody-legacy/custody/03CS/01873/26");

        // Surrey's crime record was withheld from both searches (custody purpose): Surrey sees neither.
        assertThat(ids(logged(SURREY, BRANNIGAN_PNC))).doesNotContain(first, second);

        // The same is in the tables, keyed by the query and by every person disclosed.
        assertThat(jdbc.queryForList("select key_value || ' ' || origin from subject_search_key where search_id = ? "
                + "order by key_value", String.class, first)).containsExactly(
                "name:BRANNIGAN|CALLUM|1990-02-14 DISCLOSED", "pnc:2008/0123456X QUERY");
    }

    @Test
    void theLogQueryNeedsCredentialsAndAKey() {
        assertThat(get("/api/v1/subjects/searches?key=2008/0123456X", null).statusCode()).isEqualTo(401);
        HttpResponse<String> noKey = get("/api/v1/subjects/searches", KENT);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey.body()).get("type").asText()).isEqualTo("urn:forcelink:problem:bad-search-key");
        assertThat(get("/api/v1/subjects/searches?key=" + enc("Brannigan,1990-02-14"), KENT).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/subjects/searches?key=" + enc(BRANNIGAN_PNC) + "&limit=0", KENT).statusCode())
                .isEqualTo(400);
    }

    private JsonNode logged(String token, String key) {
        HttpResponse<String> response = get("/api/v1/subjects/searches?key=" + enc(key), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(response.body());
    }

    private static JsonNode entry(JsonNode view, String searchId) {
        return StreamSupport.stream(view.get("searches").spliterator(), false)
                .filter(entry -> entry.get("searchId").asText().equals(searchId)).findFirst()
                .orElseThrow(() -> new AssertionError("search " + searchId + " not in " + view));
    }

    private static Set<String> ids(JsonNode view) {
        return Set.copyOf(view.get("searches").findValuesAsText("searchId"));
    }

    /** force/system/recordType/sourceRecordId of each disclosure (or result), in order. */
    private static List<String> disclosures(JsonNode entryOrResults) {
        JsonNode list = entryOrResults.isArray() ? entryOrResults : entryOrResults.get("disclosed");
        ArrayNode sorted = CanonicalJson.mapper().createArrayNode();
        list.forEach(sorted::add);
        return StreamSupport.stream(sorted.spliterator(), false)
                .map(d -> d.get("force").asText() + "/" + d.get("system").asText() + "/" + d.get("recordType").asText()
                        + "/" + d.get("sourceRecordId").asText())
                .sorted().toList();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
