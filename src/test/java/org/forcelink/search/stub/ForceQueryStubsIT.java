package org.forcelink.search.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.forcelink.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded force query stubs answer in their format's own layout and do what they are told. */
class ForceQueryStubsIT extends HubTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RMS_QUERY = "{\"ref\": \"x\", \"reason\": \"custody\", \"query\": {\"pnc\": "
            + "\"2008/0123456X\", \"nameFamily\": \"\", \"nameGiven\": \"\", \"born\": \"\"}}";

    @AfterEach
    void normal() {
        assertThat(send("DELETE", "/stubs/forces/behaviour", null).statusCode()).isEqualTo(204);
    }

    @Test
    void answersFromItsSampleDataForTheForceAskedInItsFormatsLayout() {
        HttpResponse<String> answer = send("POST", "/stubs/forces/sussex/rms/query", RMS_QUERY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        Instant lastModified = java.time.ZonedDateTime.parse(answer.headers().firstValue("Last-Modified").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(answer.body()).contains("\"generated\": \"" + lastModified + "\"")
                .contains("\"recordId\": \"47-N-0048213\"").doesNotContain("{{");

        HttpResponse<String> legacy = send("POST", "/stubs/forces/lancashire/custody-legacy/query",
                "QRY" + " ".repeat(36) + "2008/0123456X\r\n");
        assertThat(legacy.body()).startsWith("HDR CUSTODY ENQUIRY ").contains("C04CS/01873/26   504Central");
        // An hourly export: its data is as of the start of an hour, which the HDR line gives in UK time.
        Instant export = java.time.ZonedDateTime.parse(legacy.headers().firstValue("Last-Modified").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(export).isEqualTo(export.truncatedTo(ChronoUnit.HOURS));
        assertThat(legacy.body()).startsWith("HDR CUSTODY ENQUIRY " + java.time.format.DateTimeFormatter
                .ofPattern("yyyyMMddHHmm").withZone(java.time.ZoneId.of("Europe/London")).format(export) + " 0001");
    }

    @Test
    void failsKnowsNothingOrTakesItsTimeWhenTold() {
        assertThat(send("PUT", "/stubs/forces/btp/behaviour", "{\"mode\": \"fail\"}").body())
                .isEqualTo("{\"mode\":\"FAIL\"}");
        HttpResponse<String> fault = send("POST", "/stubs/forces/btp/intel/query", "<x/>");
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.body()).contains("<faultcode>soapenv:Server</faultcode>");

        send("PUT", "/stubs/forces/sussex/behaviour", "{\"mode\": \"empty\"}");
        assertThat(send("POST", "/stubs/forces/sussex/rms/query", RMS_QUERY).body()).contains("\"hits\": []");

        assertThat(send("PUT", "/stubs/forces/kent/behaviour", "{\"mode\": \"slow\", \"delayMs\": 300}").body())
                .isEqualTo("{\"mode\":\"SLOW\",\"delayMs\":300}");
        assertThat(send("GET", "/stubs/forces/behaviour", null).body()).isEqualTo(
                "{\"btp\":{\"mode\":\"FAIL\"},\"kent\":{\"mode\":\"SLOW\",\"delayMs\":300},\"sussex\":{\"mode\":\"EMPTY\"}}");
        long started = System.nanoTime();
        HttpResponse<String> slow = send("POST", "/stubs/forces/kent/custody/query",
                "{\"subject\": {\"pncId\": \"2008/0123456X\"}}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).contains("\"sourceRecordId\": \"46CS/01873/26\"");
    }

    @Test
    void refusesWhatItCannotDo() {
        HttpResponse<String> mode = send("PUT", "/stubs/forces/kent/behaviour", "{\"mode\": \"sulk\"}");
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(mode.body()).contains("mode is one of normal, slow, fail, empty");
        assertThat(send("PUT", "/stubs/forces/kent/behaviour", "{\"mode\": \"slow\"}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/stubs/forces/gotham/behaviour", "{\"mode\": \"fail\"}").statusCode()).isEqualTo(404);
        HttpResponse<String> noStub = send("POST", "/stubs/forces/kent/crime/query", "{}");
        assertThat(noStub.statusCode()).isEqualTo(404);
        assertThat(noStub.body()).isEqualTo("{\"type\":\"urn:forcelink:problem:unknown-stub\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"no stub answers queries for kent/crime\"}");
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
