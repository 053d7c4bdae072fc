package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The SOAP source through the whole hub: the WSDL served by CXF beside the HTTP API, records submitted
 * with WS-Security or a bearer token delivered to the feeds with exact canonical content, and each
 * refusal answered as documented (a Fault for credentials and schema, REJECTED for a record).
 */
class SoapIT extends HubTestSupport {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String SERVICE = "/services/records";

    private static String envelope(String security, String body) {
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                                  xmlns:fl="urn:forcelink:records:v1">
                  <soapenv:Header>%s</soapenv:Header>
                  <soapenv:Body>%s</soapenv:Body>
                </soapenv:Envelope>
                """.formatted(security, body);
    }

    private static String usernameToken(String force, String token) {
        return """
                <wsse:Security soapenv:mustUnderstand="1"
                    xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
                  <wsse:UsernameToken>
                    <wsse:Username>%s</wsse:Username>
                    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">%s</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>
                """.formatted(force, token);
    }

    private static String submitRecord(String system, String payload) {
        return "<fl:SubmitRecord><fl:system>" + system + "</fl:system><fl:payload>" + payload
                + "</fl:payload></fl:SubmitRecord>";
    }

    /** A golden case's JSON input as the text of the payload, in a CDATA section. */
    private static String jsonPayload(String caseName) {
        return "<![CDATA[" + new String(caseFile(caseName, "input.json"), StandardCharsets.UTF_8) + "]]>";
    }

    private HttpResponse<String> call(String bearer, String envelope) {
        return post(SERVICE, bearer, "text/xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8),
                Map.of("SOAPAction", "\"urn:forcelink:records:v1:SubmitRecord\""));
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + text, e);
        }
    }

    private static String text(Document document, String namespace, String localName) {
        return document.getElementsByTagNameNS(namespace, localName).item(0).getTextContent();
    }

    /** The acknowledgement in a SOAP response, as the JSON acknowledgement of the HTTP source would have it. */
    private static JsonNode ack(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document document = xml(response.body());
        ObjectNode ack = CanonicalJson.mapper().createObjectNode();
        ack.put("messageId", text(document, "urn:forcelink:records:v1", "messageId"));
        ack.put("status", text(document, "urn:forcelink:records:v1", "status"));
        ack.put("receivedAt", text(document, "urn:forcelink:records:v1", "receivedAt"));
        return ack;
    }

    private static void assertFault(HttpResponse<String> response, String faultCode, String faultString) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        Document document = xml(response.body());
        assertThat(document.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Fault").getLength())
                .isEqualTo(1);
        assertThat(document.getElementsByTagName("faultcode").item(0).getTextContent()).endsWith(":" + faultCode);
        assertThat(document.getElementsByTagName("faultstring").item(0).getTextContent()).startsWith(faultString);
    }

    @Test
    void wsdlAndSchemaAreServedBesideTheHttpApi() {
        HttpResponse<String> wsdl = get(SERVICE + "?wsdl", null);
        HttpResponse<String> xsd = get(SERVICE + "?xsd=records.xsd", null);

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("targetNamespace=\"urn:forcelink:records:v1\"")
                .contains("<wsdl:operation name=\"SubmitRecord\">")
                .contains("location=\"http://127.0.0.1:" + port + SERVICE + "\"");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("<xs:element name=\"SubmitRecord\">");
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/api/v1/nothing-here", "/services/nothing-here", "/services/"}) {
            HttpResponse<String> notFound = get(path, KENT);
            assertThat(notFound.statusCode()).as(path).isEqualTo(404);
            assertThat(notFound.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void recordWithAUsernameTokenReachesTheFeedsWithExactCanonicalContent() throws IOException {
        HttpResponse<String> response = call(null, envelope(usernameToken("kent", KENT),
                submitRecord("custody", jsonPayload("custody-with-medication"))));

        JsonNode ack = ack(response);
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(response.body()).doesNotContain(KENT).doesNotContain("Security");
        String id = ack.get("messageId").asText();
        String expected = expectedCanonical("custody-with-medication", "custody", ack);
        await().atMost(DELIVERY).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id) && HubApi.deliveredTo(port, KENT, "custody-health", id));
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expected);
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expected);
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("events").get(0).get("actor").asText()).isEqualTo("kent-hub");
    }

    @Test
    void recordWithABearerTokenIsAcceptedToo() throws IOException {
        HttpResponse<String> response = call(KENT, envelope("", submitRecord("custody", jsonPayload("nominal"))));

        JsonNode ack = ack(response);
        String id = ack.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id));
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expectedCanonical("nominal", "custody", ack));
    }

    @Test
    void badCredentialsAreAClientFault() {
        String body = submitRecord("custody", jsonPayload("nominal"));

        assertFault(call(null, envelope(usernameToken("kent", "not-the-token"), body)), "Client",
                "a valid bearer token or WS-Security UsernameToken of a force is required");
        assertFault(call(null, envelope(usernameToken("essex", KENT), body)), "Client",
                "a valid bearer token or WS-Security UsernameToken of a force is required");
        assertFault(call(null, envelope("", body)), "Client",
                "a valid bearer token or WS-Security UsernameToken of a force is required");
        assertFault(call("not-a-token", envelope("", body)), "Client",
                "a valid bearer token or WS-Security UsernameToken of a force is required");
    }

    @Test
    void schemaInvalidBodyIsAClientFault() {
        String noSystem = "<fl:SubmitRecord><fl:payload>{}</fl:payload></fl:SubmitRecord>";
        String twoRecords = submitRecord("custody", "<a/><b/>");

        assertFault(call(KENT, envelope("", noSystem)), "Client", "Unmarshalling Error: cvc-complex-type.2.4.a: Invalid"
                + " content was found starting with element '{\"urn:forcelink:records:v1\":payload}'. One of"
                + " '{\"urn:forcelink:records:v1\":system}' is expected.");
        assertFault(call(KENT, envelope("", twoRecords)), "Client", "Unmarshalling Error: cvc-complex-type.2.4.d:"
                + " Invalid content was found starting with element 'b'. No child element is expected at this point.");
    }

    @Test
    void malformedEnvelopeIsAFault() {
        HttpResponse<String> response = post(SERVICE, KENT, "text/xml; charset=UTF-8",
                "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                        .getBytes(StandardCharsets.UTF_8), Map.of());

        assertFault(response, "Client", "Error reading XMLStreamReader: Unexpected EOF");
        assertThat(response.body()).doesNotContain("at org.");
    }

    @Test
    void systemTheForceDoesNotHaveOnSoapIsAClientFault() {
        assertFault(call(KENT, envelope("", submitRecord("crime", jsonPayload("crime-two-offences")))), "Client",
                "force kent has no system 'crime' that submits over SOAP");
    }

    @Test
    void recordThatCannotBeUnderstoodIsAnsweredRejectedAndKeptInQuarantine() {
        HttpResponse<String> response = call(KENT, envelope("", submitRecord("custody", "{\"envelope\": ")));

        JsonNode ack = ack(response);
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        Document document = xml(response.body());
        assertThat(text(document, "urn:forcelink:records:v1", "code")).isEqualTo("FL-UNPARSEABLE");
        assertThat(text(document, "urn:forcelink:records:v1", "severity")).isEqualTo("ERROR");
        String path = "/api/v1/messages/" + ack.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> get(path, KENT).statusCode() == 200);
        assertThat(json(get(path, KENT).body()).get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void requestOverFiveMebibytesIs413() {
        byte[] padding = new byte[5 * 1024 * 1024];
        Arrays.fill(padding, (byte) ' ');
        String body = envelope("", submitRecord("custody", new String(padding, StandardCharsets.US_ASCII)));

        HttpResponse<String> response = call(KENT, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("detail").asText()).isEqualTo("the request body is over the limit");
    }

    @Test
    void requestNearlyTwiceTheLimitStillGetsItsAnswer() {
        byte[] padding = new byte[2 * 5 * 1024 * 1024 - 4096];
        Arrays.fill(padding, (byte) ' ');
        String body = envelope("", submitRecord("custody", new String(padding, StandardCharsets.US_ASCII)));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = call(KENT, body);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response.body()).get("detail").asText()).isEqualTo("the request body is over the limit");
        }
    }
}
