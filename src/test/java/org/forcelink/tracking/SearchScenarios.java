package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search (ARCHITECTURE 3.5): by every business key a record carries, by force, type, status, recipient
 * and time window, newest first in keyset-paginated pages, each caller within its own force.
 */
public interface SearchScenarios extends Hub {

    @Test
    default void aRecordIsFoundByEveryBusinessKeyItCarries() {
        String custodyNumber = Hub.unique("46MA/");
        String pnc = Hub.pncId();
        JsonNode ack = accepted("custody", KENT, Hub.custodyRecord(custodyNumber, pnc));
        String id = ack.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> hits("admin", "key=" + encode(custodyNumber)).size() == 1
                && hits("admin", "key=" + encode(custodyNumber)).get(0).path("deliveries").size() == 2
                && hits("admin", "key=" + encode(custodyNumber)).get(0).path("deliveries").path("pnd").asText()
                        .equals("DELIVERED")
                && hits("admin", "key=" + encode(custodyNumber)).get(0).path("deliveries").path("custody-health")
                        .asText().equals("DELIVERED"));

        JsonNode hit = hits("admin", "key=" + encode(custodyNumber)).get(0);
        assertThat(hit.get("messageId").asText()).isEqualTo(id);
        assertThat(hit.get("force").asText()).isEqualTo("kent");
        assertThat(hit.get("system").asText()).isEqualTo("custody");
        assertThat(hit.get("recordType").asText()).isEqualTo("custody");
        assertThat(hit.get("sourceRecordId").asText()).isEqualTo(custodyNumber);
        assertThat(hit.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(hit.get("receivedAt").asText()).isEqualTo(ack.get("receivedAt").asText());
        assertThat(hit.get("keys").toString()).isEqualTo("{\"custodyNumber\":[\"" + custodyNumber + "\"],"
                + "\"pncId\":[\"" + pnc + "\"],\"sourceRecordId\":[\"" + custodyNumber + "\"]}");
        assertThat(ids(hits("admin", "key=" + encode(pnc)))).containsExactly(id);
        assertThat(ids(hitsAsForce(KENT, "key=" + encode(pnc)))).containsExactly(id);
        assertThat(hits("admin", "key=" + encode(Hub.unique("46MA/")))).isEmpty();
    }

    @Test
    default void searchFiltersByTypeStatusRecipientAndTimeAndPagesNewestFirst() {
        String pnc = Hub.pncId();
        List<JsonNode> acks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acks.add(accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), pnc)));
        }
        JsonNode custodyAck = accepted("custody", KENT, Hub.custodyRecord(Hub.unique("46MA/"), pnc));
        acks.add(custodyAck);
        String custody = custodyAck.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> hits("operator", "key=" + encode(pnc) + "&status=DELIVERED").size() == 4);
        String key = "key=" + encode(pnc);
        // Newest first; records received in the same millisecond by message id, descending.
        List<JsonNode> ordered = new ArrayList<>(acks);
        ordered.sort(Comparator.comparing((JsonNode ack) -> Instant.parse(ack.get("receivedAt").asText()))
                .thenComparing(ack -> ack.get("messageId").asText()).reversed());
        List<String> newestFirst = ordered.stream().map(ack -> ack.get("messageId").asText()).toList();
        List<String> crimes = newestFirst.stream().filter(id -> !id.equals(custody)).toList();

        assertThat(ids(hits("operator", key))).containsExactlyElementsOf(newestFirst);
        assertThat(ids(hits("operator", key + "&type=crime"))).containsExactlyElementsOf(crimes);
        assertThat(ids(hits("operator", key + "&status=ACCEPTED&force=kent"))).hasSize(4);
        assertThat(ids(hits("operator", key + "&status=REJECTED"))).isEmpty();
        assertThat(ids(hits("operator", key + "&recipient=custody-health"))).containsExactly(custody);
        assertThat(ids(hits("operator", key + "&status=DELIVERED&recipient=custody-health"))).containsExactly(custody);
        assertThat(ids(hits("operator", key + "&status=FAILED"))).isEmpty();
        String from = ordered.get(1).get("receivedAt").asText();
        List<String> since = ordered.stream().filter(ack -> !Instant.parse(ack.get("receivedAt").asText())
                .isBefore(Instant.parse(from))).map(ack -> ack.get("messageId").asText()).toList();
        assertThat(ids(hits("operator", key + "&from=" + from))).containsExactlyElementsOf(since);
        assertThat(ids(hits("operator", key + "&to=" + from))).containsExactlyElementsOf(
                newestFirst.subList(since.size(), newestFirst.size()));

        JsonNode first = page("operator", key + "&limit=3");
        assertThat(ids(first.get("items"))).containsExactlyElementsOf(newestFirst.subList(0, 3));
        String cursor = first.get("nextCursor").asText();
        JsonNode second = page("operator", key + "&limit=3&cursor=" + cursor);
        assertThat(ids(second.get("items"))).containsExactly(newestFirst.get(3));
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    default void eachCallerFindsOnlyTheRecordsOfItsForce() {
        String pnc = Hub.pncId();
        String kent = accepted("custody", KENT, Hub.custodyRecord(Hub.unique("46MA/"), pnc)).get("messageId").asText();
        String essex = accepted("custody", ESSEX, Hub.custodyRecord(Hub.unique("42CH/"), pnc)).get("messageId")
                .asText();
        String key = "key=" + encode(pnc);
        await().atMost(DELIVERY).until(() -> hits("admin", key).size() == 2);

        assertThat(ids(hits("admin", key))).containsExactly(essex, kent);
        assertThat(ids(hits("viewer", key + "&force=essex"))).containsExactly(essex);
        assertThat(ids(hitsAsForce(KENT, key))).containsExactly(kent);
        assertThat(ids(hitsAsForce(ESSEX, key))).containsExactly(essex);
        assertThat(ids(hitsAsForce(KENT, key + "&force=essex"))).isEmpty();
        assertThat(ids(hits("kent-operator", key))).containsExactly(kent);
        assertThat(getAs("kent-operator", "/api/v1/messages/" + essex).statusCode()).isEqualTo(404);
        assertThat(getAs("kent-operator", "/api/v1/messages/" + kent).statusCode()).isEqualTo(200);
        assertThat(getAs("viewer", "/api/v1/messages/" + essex).statusCode()).isEqualTo(200);
    }

    @Test
    default void malformedSearchParametersAre400WithTheReason() {
        assertBadSearch("type=vehicle", "type must be one of nominal, custody, crime, caseFile, intelligence");
        assertBadSearch("status=LOST", "status must be one of ACCEPTED, ACCEPTED_WITH_EXCEPTIONS, REJECTED, PENDING,"
                + " DELIVERED, FAILED, HELD");
        assertBadSearch("limit=0", "limit must be 1 to 500");
        assertBadSearch("limit=501", "limit must be 1 to 500");
        assertBadSearch("from=yesterday", "from must be an ISO-8601 instant such as 2026-11-29T10:15:00Z, or a date"
                + " such as 2026-11-29");
        assertBadSearch("from=2026-11-29&to=2026-11-28", "from must be before to");
        assertBadSearch("cursor=bm90LWEtY3Vyc29y", "cursor is not one this hub gave out");
    }

    private void assertBadSearch(String query, String detail) {
        HttpResponse<String> response = getAs("viewer", "/api/v1/messages?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Hub.json(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:forcelink:problem:bad-search");
        assertThat(problem.get("detail").asText()).as(query).isEqualTo(detail);
    }

    private JsonNode page(String operator, String query) {
        HttpResponse<String> response = getAs(operator, "/api/v1/messages?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Hub.json(response.body());
    }

    private List<JsonNode> hits(String operator, String query) {
        List<JsonNode> hits = new ArrayList<>();
        page(operator, query).get("items").forEach(hits::add);
        return hits;
    }

    private List<JsonNode> hitsAsForce(String token, String query) {
        HttpResponse<String> response = asForce("GET", "/api/v1/messages?" + query, token, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        Hub.json(response.body()).get("items").forEach(hits::add);
        return hits;
    }

    private static List<String> ids(Iterable<JsonNode> hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.get("messageId").asText()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
