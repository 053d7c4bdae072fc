package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.forcelink.canonical.RecordType;
import org.forcelink.routing.BreakerSettings;
import org.forcelink.routing.FieldAllowList;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.RecordFilter;
import org.forcelink.routing.RetryPolicy;
import org.forcelink.routing.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SOAP delivery through the CXF client against a real local server: the envelope sent and each answer read. */
class SoapRecipientTransportTest {

    private static final String MESSAGE_ID = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

    private RecordingHttpServer server;
    private final SoapRecipientTransport transport = new SoapRecipientTransport(HttpRecipientTransportTest::resolve);

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Recipient recipient() {
        return new Recipient("metropolitan-records", "test", Set.of(RecordType.CUSTODY), RecordFilter.ALWAYS, null,
                new FieldAllowList(List.of()), List.of(), null, new Recipient.Transfer("metropolitan", "records"),
                new TransportSettings.Soap(server.url("/met/deliver"),
                        new TransportSettings.Auth("basic", null, "forcelink", "${FORCELINK_MET_PASSWORD:pw}"),
                        Duration.ofSeconds(5)),
                RetryPolicy.DEFAULT, BreakerSettings.DEFAULT);
    }

    private static String response(String inner) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Body>" + inner + "</soap:Body></soap:Envelope>";
    }

    private static String fault(String code, String reason) {
        return response("<soap:Fault><faultcode>soap:" + code + "</faultcode><faultstring>" + reason
                + "</faultstring></soap:Fault>");
    }

    @Test
    void callsDeliverWithTheMessageIdAndAJsonRecordAsTextAndReadsTheAck() throws Exception {
        server.answer = new RecordingHttpServer.Answer(200, "text/xml", response("<DeliverResponse xmlns=\""
                + SoapRecipientTransport.NAMESPACE + "\"><status>ACK</status><reference>MET-7</reference>"
                + "</DeliverResponse>"));
        String json = "{\"custody\":{\"disposal\":\"Charged & bailed <to court>\"}}";

        RecipientAnswer answer = transport.send(new RecipientTransport.Delivery(recipient(), MESSAGE_ID,
                Rendered.text(json, "application/json", "json")));

        assertThat(answer).isEqualTo(new RecipientAnswer(RecipientAnswer.Outcome.ACK,
                "SOAP ACK from metropolitan-records, reference MET-7", null, "MET-7"));
        assertThat(server.requests).singleElement().satisfies(request -> {
            assertThat(request.header("X-ForceLink-Message-Id")).isEqualTo(MESSAGE_ID);
            assertThat(request.header("Authorization")).isEqualTo("Basic Zm9yY2VsaW5rOnB3");
            assertThat(request.header("SOAPAction")).isEqualTo("\"urn:forcelink:delivery:v1/Deliver\"");
            assertThat(request.header("Content-Type")).startsWith("text/xml");
            assertThat(request.body()).contains("<soap:Body><Deliver xmlns=\"urn:forcelink:delivery:v1\">"
                    + "<messageId>" + MESSAGE_ID + "</messageId><contentType>application/json</contentType>"
                    + "<payload>{\"custody\":{\"disposal\":\"Charged &amp; bailed &lt;to court>\"}}</payload>"
                    + "</Deliver></soap:Body>");
        });
    }

    @Test
    void anXmlRecordTravelsAsAnElement() throws Exception {
        server.answer = new RecordingHttpServer.Answer(200, "text/xml", response("<DeliverResponse xmlns=\""
                + SoapRecipientTransport.NAMESPACE + "\"><status>ACK</status></DeliverResponse>"));

        transport.send(new RecipientTransport.Delivery(recipient(), MESSAGE_ID, Rendered.text(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PndRecord xmlns=\"urn:x\"><A>1</A></PndRecord>\n",
                "application/xml", "xml")));

        assertThat(server.requests.get(0).body()).contains("<payload><PndRecord xmlns=\"urn:x\"><A>1</A>"
                + "</PndRecord></payload>");
    }

    @Test
    void aNackCarriesTheRecipientsReason() throws Exception {
        server.answer = new RecordingHttpServer.Answer(200, "text/xml", response("<DeliverResponse xmlns=\""
                + SoapRecipientTransport.NAMESPACE + "\"><status>NACK</status><reason>unknown custody suite"
                + "</reason></DeliverResponse>"));

        RecipientAnswer answer = transport.send(new RecipientTransport.Delivery(recipient(), MESSAGE_ID,
                Rendered.text("{}", "application/json", "json")));

        assertThat(answer).isEqualTo(new RecipientAnswer(RecipientAnswer.Outcome.NACK,
                "NACK from metropolitan-records", "unknown custody suite", null));
    }

    @Test
    void aClientFaultRefusesTheRecordAndAServerFaultOrOutageIsRetried() {
        RecipientTransport.Delivery delivery = new RecipientTransport.Delivery(recipient(), MESSAGE_ID,
                Rendered.text("{}", "application/json", "json"));

        server.answer = new RecordingHttpServer.Answer(500, "text/xml", fault("Client", "payload is not a record"));
        assertThatThrownBy(() -> transport.send(delivery)).isInstanceOf(RecipientRefusedException.class)
                .hasMessage("SOAP Client fault from metropolitan-records: payload is not a record");

        server.answer = new RecordingHttpServer.Answer(500, "text/xml", fault("Server", "database offline"));
        assertThatThrownBy(() -> transport.send(delivery)).isInstanceOf(RecipientUnavailableException.class)
                .hasMessage("SOAP Server fault from metropolitan-records: database offline");

        server.answer = new RecordingHttpServer.Answer(503, "text/plain", "down for maintenance");
        assertThatThrownBy(() -> transport.send(delivery)).isInstanceOf(RecipientUnavailableException.class)
                .hasMessageStartingWith("SOAP call to metropolitan-records failed: ");
    }
}
