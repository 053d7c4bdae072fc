package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forcelink.canonical.RecordType;
import org.forcelink.routing.BreakerSettings;
import org.forcelink.routing.FieldAllowList;
import org.forcelink.routing.FieldPath;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.RecordFilter;
import org.forcelink.routing.RetryPolicy;
import org.forcelink.routing.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP delivery against a real local server: what is sent, and how each kind of answer is read. */
class HttpRecipientTransportTest {

    private static final String MESSAGE_ID = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
    /** Environment of the test: ${FORCELINK_PND_TOKEN} resolves to this. */
    private static final Map<String, String> ENVIRONMENT = Map.of("FORCELINK_PND_TOKEN", "s3cret-pnd");

    private RecordingHttpServer server;
    private final HttpRecipientTransport transport = new HttpRecipientTransport(HttpRecipientTransportTest::resolve);

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A tiny stand-in for the hub's placeholder resolution: ${NAME} and ${NAME:default}. */
    static String resolve(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    ENVIRONMENT.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2))));
        }
        return m.appendTail(out).toString();
    }

    private Recipient recipient(TransportSettings.Auth auth, TransportSettings.Acknowledgement ack) {
        return new Recipient("pnd", "test", Set.of(RecordType.CRIME), RecordFilter.ALWAYS, null,
                new FieldAllowList(List.of()), List.of(), "pnd-xml", null,
                new TransportSettings.Http(server.url("/pnd/records"), auth, Duration.ofSeconds(5), ack),
                RetryPolicy.DEFAULT, BreakerSettings.DEFAULT);
    }

    private static RecipientTransport.Delivery delivery(Recipient recipient) {
        return new RecipientTransport.Delivery(recipient, MESSAGE_ID,
                Rendered.text("<PndRecord xmlns=\"urn:forcelink:recipient:pnd:v1\"/>", "application/xml", "xml"));
    }

    @Test
    void postsTheRecordWithItsMessageIdAndTheBearerTokenFromTheEnvironment() throws Exception {
        Recipient pnd = recipient(new TransportSettings.Auth("bearer", "${FORCELINK_PND_TOKEN:dev}", null, null), null);
        server.answer = new RecordingHttpServer.Answer(202, "text/plain", "");

        RecipientAnswer answer = transport.send(delivery(pnd));

        assertThat(answer).isEqualTo(RecipientAnswer.delivered("HTTP 202 from pnd"));
        assertThat(server.requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/pnd/records");
            assertThat(request.body()).isEqualTo("<PndRecord xmlns=\"urn:forcelink:recipient:pnd:v1\"/>");
            assertThat(request.header("Content-Type")).isEqualTo("application/xml");
            assertThat(request.header("X-ForceLink-Message-Id")).isEqualTo(MESSAGE_ID);
            assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-pnd");
        });
    }

    @Test
    void basicCredentialsFallBackToTheirDefaults() throws Exception {
        Recipient cps = recipient(new TransportSettings.Auth("basic", null, "${FORCELINK_CPS_USER:forcelink}",
                "${FORCELINK_CPS_PASSWORD:dev-password-cps}"), null);

        transport.send(delivery(cps));

        assertThat(server.requests.get(0).header("Authorization"))
                .isEqualTo("Basic Zm9yY2VsaW5rOmRldi1wYXNzd29yZC1jcHM=");
    }

    @Test
    void serverErrorsTimeoutsAndThrottlingAreWorthRetrying() {
        Recipient pnd = recipient(null, null);
        for (int status : List.of(500, 502, 503, 408, 429)) {
            server.answer = new RecordingHttpServer.Answer(status, "text/plain", "busy");

            assertThatThrownBy(() -> transport.send(delivery(pnd)))
                    .isInstanceOf(RecipientUnavailableException.class)
                    .hasMessage("HTTP " + status + " from pnd");
        }
    }

    @Test
    void otherClientErrorsRefuseTheRecordWithTheStartOfTheAnswer() {
        server.answer = new RecordingHttpServer.Answer(422, "application/json",
                "{\"error\": \"unknown\n element Custody/Foo\"}");

        assertThatThrownBy(() -> transport.send(delivery(recipient(null, null))))
                .isInstanceOf(RecipientRefusedException.class)
                .hasMessage("HTTP 422 from pnd: {\"error\": \"unknown element Custody/Foo\"}");
    }

    @Test
    void anUnreachableRecipientIsWorthRetrying() {
        server.close();

        assertThatThrownBy(() -> transport.send(delivery(recipient(null, null))))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void acknowledgementsAreReadFromTheAnswer() throws Exception {
        TransportSettings.Acknowledgement paths = new TransportSettings.Acknowledgement(FieldPath.parse("/status"),
                FieldPath.parse("/reason"), FieldPath.parse("/reference"));
        Recipient cps = recipient(null, paths);

        server.answer = new RecordingHttpServer.Answer(200, "application/json",
                "{\"status\":\"ACK\",\"reference\":\"CPS-000042\"}");
        assertThat(transport.send(delivery(cps))).isEqualTo(new RecipientAnswer(RecipientAnswer.Outcome.ACK,
                "ACK from pnd, reference CPS-000042", null, "CPS-000042"));

        server.answer = new RecordingHttpServer.Answer(200, "application/json",
                "{\"status\":\"NACK\",\"reason\":\"ASN check letter wrong\"}");
        assertThat(transport.send(delivery(cps))).isEqualTo(new RecipientAnswer(RecipientAnswer.Outcome.NACK,
                "NACK from pnd", "ASN check letter wrong", null));

        server.answer = new RecordingHttpServer.Answer(200, "application/json", "{\"status\":\"MAYBE\"}");
        assertThatThrownBy(() -> transport.send(delivery(cps))).isInstanceOf(RecipientUnavailableException.class)
                .hasMessage("HTTP 200 from pnd with acknowledgement status 'MAYBE', neither ACK nor NACK");

        server.answer = new RecordingHttpServer.Answer(200, "text/html", "<html>maintenance</html>");
        assertThatThrownBy(() -> transport.send(delivery(cps))).isInstanceOf(RecipientUnavailableException.class)
                .hasMessage("HTTP 200 from pnd without a readable acknowledgement");
    }
}
