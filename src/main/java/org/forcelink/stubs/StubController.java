package org.forcelink.stubs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.delivery.SoapRecipientTransport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Recipient stubs on the hub's own web server, for the default run and tests (never in production):
 * <ul>
 *   <li>{@code POST /stubs/{recipient}}: a delivery, plain HTTP or SOAP (a SOAP envelope is answered in SOAP);</li>
 *   <li>{@code GET /stubs/{recipient}}: its behaviour, attempts and every record it took;</li>
 *   <li>{@code PUT /stubs/{recipient}/behaviour}: {@code {"mode":"ok|fail|slow|nack|refuse","delayMillis":..,"reason":..}};</li>
 *   <li>{@code DELETE /stubs/{recipient}/received}: forget what it took.</li>
 * </ul>
 */
@RestController
@ConditionalOnProperty(name = "forcelink.stubs.enabled", havingValue = "true")
public class StubController {

    private static final Pattern RECIPIENT = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private final RecipientStubs stubs;

    public StubController(RecipientStubs stubs) {
        this.stubs = stubs;
    }

    @PostMapping("/stubs/{recipient}")
    ResponseEntity<String> deliver(@PathVariable String recipient, @RequestBody(required = false) String body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestHeader(value = ForceLinkHeaders.HTTP_MESSAGE_ID, required = false) String messageId,
            @RequestHeader(value = "Authorization", required = false) String authorization) throws Exception {
        RecipientStubs.Stub stub = stub(recipient);
        stub.attempt();
        RecipientStubs.Behaviour behaviour = stub.behaviour();
        Document soap = soapEnvelope(body, contentType);
        if (behaviour.mode() == RecipientStubs.Mode.SLOW) {
            Thread.sleep(behaviour.delayMillis());
        }
        if (behaviour.mode() == RecipientStubs.Mode.FAIL) {
            return soap != null ? soapFault("Server", "stub of " + recipient + " is down")
                    : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                            .body("{\"status\":\"UNAVAILABLE\"}");
        }
        if (behaviour.mode() == RecipientStubs.Mode.REFUSE) {
            String reason = behaviour.reason() != null ? behaviour.reason() : "refused by the stub";
            return soap != null ? soapFault("Client", reason)
                    : ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                            .body(CanonicalJson.mapper().createObjectNode().put("status", "REFUSED")
                                    .put("reason", reason).toString());
        }
        String record = soap != null ? soapPayload(soap) : body;
        String reference = stub.take(new RecipientStubs.Received(Instant.now(), messageId, contentType, authorization,
                record));
        reference = recipient.toUpperCase(Locale.ROOT) + "-" + reference;
        boolean nack = behaviour.mode() == RecipientStubs.Mode.NACK;
        String reason = behaviour.reason() != null ? behaviour.reason() : "rejected by the stub";
        if (soap != null) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<soap:Envelope xmlns:soap=\"" + SOAP_NS
                    + "\"><soap:Body><DeliverResponse xmlns=\"" + SoapRecipientTransport.NAMESPACE + "\"><status>"
                    + (nack ? "NACK" : "ACK") + "</status>" + (nack ? "<reason>" + escape(reason) + "</reason>" : "")
                    + "<reference>" + reference + "</reference></DeliverResponse></soap:Body></soap:Envelope>");
        }
        ObjectNode answer = CanonicalJson.mapper().createObjectNode();
        answer.put("status", nack ? "NACK" : "ACK");
        if (nack) {
            answer.put("reason", reason);
        }
        answer.put("reference", reference);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer.toString());
    }

    @GetMapping(value = "/stubs/{recipient}", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode show(@PathVariable String recipient) {
        RecipientStubs.Stub stub = stub(recipient);
        ObjectNode view = CanonicalJson.mapper().createObjectNode();
        view.put("recipient", recipient);
        view.put("mode", stub.behaviour().mode().name().toLowerCase(Locale.ROOT));
        view.put("attempts", stub.attempts());
        view.set("received", CanonicalJson.mapper().valueToTree(stub.received()));
        return view;
    }

    @PutMapping(value = "/stubs/{recipient}/behaviour", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode behave(@PathVariable String recipient, @RequestBody JsonNode behaviour) {
        RecipientStubs.Mode mode;
        try {
            mode = RecipientStubs.Mode.valueOf(behaviour.path("mode").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "mode is one of ok, fail, slow, nack, refuse");
        }
        stub(recipient).behave(new RecipientStubs.Behaviour(mode, behaviour.path("delayMillis").asLong(2000),
                behaviour.path("reason").asText(null)));
        return show(recipient);
    }

    @DeleteMapping("/stubs/{recipient}/received")
    ResponseEntity<Void> clear(@PathVariable String recipient) {
        stub(recipient).clear();
        return ResponseEntity.noContent().build();
    }

    private RecipientStubs.Stub stub(String recipient) {
        if (!RECIPIENT.matcher(recipient).matches()) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return stubs.of(recipient);
    }

    /** The SOAP envelope of a request, or null when the request is not SOAP. */
    private static Document soapEnvelope(String body, String contentType) throws Exception {
        if (body == null || contentType == null || !contentType.startsWith("text/xml")) {
            return null;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document document = builder.parse(new InputSource(new StringReader(body)));
        Element root = document.getDocumentElement();
        return SOAP_NS.equals(root.getNamespaceURI()) && "Envelope".equals(root.getLocalName()) ? document : null;
    }

    /** The record inside {@code <Deliver><payload>}: its text, or its element serialised. */
    private static String soapPayload(Document envelope) throws Exception {
        Node payload = envelope.getElementsByTagNameNS(SoapRecipientTransport.NAMESPACE, "payload").item(0);
        if (payload == null) {
            return null;
        }
        for (Node child = payload.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                Transformer transformer = TransformerFactory.newInstance().newTransformer();
                transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
                StringWriter out = new StringWriter();
                transformer.transform(new DOMSource(element), new StreamResult(out));
                return out.toString();
            }
        }
        return payload.getTextContent();
    }

    private static ResponseEntity<String> soapFault(String code, String reason) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_XML)
                .body("<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><soap:Fault><faultcode>soap:" + code
                        + "</faultcode><faultstring>" + escape(reason) + "</faultstring></soap:Fault></soap:Body>"
                        + "</soap:Envelope>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
