package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What POST /api/v1/subjects/search refuses, with which problem, and that a refusal asks no force. */
class SubjectSearchApiIT extends SearchTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no purpose          | {"subject": {"pncId": "2008/0123456X"}, "reason": "risk check"}                    | 400 | search-purpose-required | a subject search needs a purpose and a reason; this one has no purpose
            no reason           | {"subject": {"pncId": "2008/0123456X"}, "purpose": "custody"}                      | 400 | search-purpose-required | a subject search needs a purpose and a reason; this one has no reason
            blank reason        | {"subject": {"pncId": "2008/0123456X"}, "purpose": "custody", "reason": "  "}      | 400 | search-purpose-required | a subject search needs a purpose and a reason; this one has no reason
            neither             | {"subject": {"pncId": "2008/0123456X"}}                                            | 400 | search-purpose-required | a subject search needs a purpose and a reason; this one has neither
            unknown purpose     | {"subject": {"pncId": "2008/0123456X"}, "purpose": "curiosity", "reason": "x"}     | 400 | unknown-purpose         | purpose 'curiosity' is not one of custody, investigation
            purpose not granted | {"subject": {"pncId": "2008/0123456X"}, "purpose": "investigation", "reason": "x"} | 403 | search-not-permitted    | credential essex-hub may not search for purpose 'investigation'
            bad PNC ID          | {"subject": {"pncId": "2008/123456X"}, "purpose": "custody", "reason": "x"}        | 400 | bad-search              | subject.pncId is not a PNC ID (4-digit year, slash, 7 digits, check letter, e.g. 2000/0410925R)
            name without birth  | {"subject": {"surname": "Brannigan", "forename": "Callum"}, "purpose": "custody", "reason": "x"} | 400 | bad-search | surname, forename and dateOfBirth go together: give all three
            no identifiers      | {"subject": {"custodyNumber": "46CS/01873/26"}, "purpose": "custody", "reason": "x"} | 400 | bad-search            | subject needs a pncId, or a surname, forename and dateOfBirth
            mistyped field      | {"subject": {"pnc": "2008/0123456X"}, "purpose": "custody", "reason": "x"}         | 400 | bad-search              | unknown field subject.pnc (known: custodyNumber, dateOfBirth, force, forename, pncId, surname)
            unknown force       | {"subject": {"pncId": "2008/0123456X", "force": "gotham"}, "purpose": "custody", "reason": "x"} | 400 | bad-search | force 'gotham' is not connected to the hub
            not JSON            | {"subject":                                                                        | 400 | bad-search              | the body is not valid JSON (line 1, column 12)
            """)
    void refusesWithAProblemAndAsksNoForce(String name, String body, int status, String type, String detail) {
        int searchesBefore = jdbc.queryForObject("select count(*) from subject_search", Integer.class);

        HttpResponse<String> response = search(ESSEX, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:forcelink:problem:" + type);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/subjects/search");
        assertThat(jdbc.queryForObject("select count(*) from subject_search", Integer.class)).isEqualTo(searchesBefore);
    }

    @Test
    void aSearchNeedsAForceCredential() {
        HttpResponse<String> response = search(null, byPnc(BRANNIGAN_PNC, "custody", "x"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"forcelink\"");
        assertThat(json(response.body()).get("type").asText()).isEqualTo("urn:forcelink:problem:unauthorized");
        assertThat(search("not-a-token", byPnc(BRANNIGAN_PNC, "custody", "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void aSearchIsJson() {
        HttpResponse<String> response = post("/api/v1/subjects/search", KENT, "text/plain",
                byPnc(BRANNIGAN_PNC, "custody", "x").getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body()).get("detail").asText()).isEqualTo("a search is application/json in UTF-8");
    }

    @Test
    void aSearchForOneForceAsksOnlyThatForce() {
        JsonNode answer = json(search(KENT, """
                {"subject": {"pncId": "2008/0123456X", "force": "lancashire"}, "purpose": "custody",
                 "reason": "Transfer from Lancashire tonight"}""").body());

        assertThat(answer.get("asked").asInt()).isEqualTo(1);
        assertThat(without(answer.get("answered"), "elapsedMs").toString()).isEqualTo(
                "[{\"force\":\"lancashire\",\"system\":\"custody-legacy\",\"returned\":1,\"disclosed\":1}]");
        assertThat(without(answer.get("results"), "asOf", "ageSeconds").toPrettyString())
                .isEqualTo(expectedResults("custody", "lancashire").toPrettyString());
    }

    @Test
    void operatorsSeeEachSystemsOutcomesAndSearchTimesInTheMetrics() {
        stub("wiltshire", "{\"mode\": \"fail\"}");
        search(KENT, """
                {"subject": {"pncId": "2008/0123456X", "force": "wiltshire"}, "purpose": "custody", "reason": "x"}""");

        JsonNode failed = json(getAsViewer("/actuator/metrics/forcelink.search.systems?tag=force:wiltshire"
                + "&tag=system:custody-legacy&tag=outcome:FAILED").body());
        JsonNode searches = json(getAsViewer("/actuator/metrics/forcelink.search.duration?tag=purpose:custody").body());

        assertThat(failed.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(searches.get("measurements").findValuesAsText("statistic")).contains("COUNT", "TOTAL_TIME");
    }

    @Test
    void aSubjectNoForceKnowsIsAnAnswerWithNoResults() {
        JsonNode answer = json(search(KENT, """
                {"subject": {"surname": "Nobody", "forename": "Known", "dateOfBirth": "1970-01-01"},
                 "purpose": "custody", "reason": "Detainee refuses to give details"}""").body());

        assertThat(answer.get("asked").asInt()).isEqualTo(44);
        assertThat(answer.get("results")).isEmpty();
        assertThat(answer.get("missing")).isEmpty();
        assertThat(answer.get("answered")).hasSize(44).allSatisfy(entry -> {
            assertThat(entry.get("returned").asInt()).as(entry.get("force").asText()).isZero();
            assertThat(entry.get("disclosed").asInt()).isZero();
        });
    }
}
