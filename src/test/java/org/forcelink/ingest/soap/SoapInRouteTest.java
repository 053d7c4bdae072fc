package org.forcelink.ingest.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.forcelink.ingest.IngestFixture;
import org.forcelink.ingest.soap.v1.Acknowledgement;
import org.forcelink.ingest.soap.v1.Payload;
import org.forcelink.ingest.soap.v1.Status;
import org.forcelink.ingest.soap.v1.SubmitRecord;
import org.forcelink.security.Credential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * routes/soap-in.camel.yaml with the real SOAP source bean and ingest gate; the CXF endpoint is replaced,
 * so each test hands the route a request as CXF would (schema-valid, caller authenticated) and reads the
 * response object or the Fault.
 */
class SoapInRouteTest extends CamelTestSupport {

    private static final String SERVICE = "direct:records-service";
    private static final Credential KENT_HUB = new Credential("kent-hub", "kent", Set.of("*"));

    private final IngestFixture fixture = new IngestFixture();

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @BeforeEach
    void loadRoute() throws Exception {
        context.getRegistry().bind("soapRecords", new SoapRecords(fixture.ingest, fixture.registry));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/soap-in.camel.yaml"));
        AdviceWith.adviceWith(context, "soap-in", route -> route.replaceFromWith(SERVICE));
        context.start();
    }

    private static SubmitRecord request(String system, Object... content) {
        SubmitRecord request = new SubmitRecord();
        request.setSystem(system);
        request.setPayload(new Payload());
        request.getPayload().getContent().addAll(List.of(content));
        return request;
    }

    private Exchange call(SubmitRecord request, SoapCaller caller) {
        MessageImpl cxf = new MessageImpl();
        cxf.setExchange(new ExchangeImpl());
        if (caller != null) {
            cxf.getExchange().put(SoapCaller.class, caller);
        }
        return template.send(SERVICE, exchange -> {
            exchange.getIn().setBody(List.of(request));
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxf);
        });
    }

    private Acknowledgement answer(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(Acknowledgement.class);
    }

    private static SoapFault fault(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(SoapFault.class);
        return (SoapFault) exchange.getException();
    }

    private static Element element(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    @Test
    void textRecordIsAcceptedAndTheAcknowledgementIsTheResponse() {
        String record = new String(IngestFixture.caseFile("custody-with-medication", "input.json"),
                StandardCharsets.UTF_8);

        Acknowledgement ack = answer(call(request("custody", record), new SoapCaller(KENT_HUB, null)));

        assertThat(ack.getStatus()).isEqualTo(Status.ACCEPTED);
        assertThat(ack.getReceivedAt().toXMLFormat()).isEqualTo("2026-11-28T22:00:00Z");
        assertThat(ack.isReplayed()).isNull();
        assertThat(ack.getExceptions().getException()).isEmpty();
        assertThat(fixture.queue.sent).singleElement().satisfies(sent -> assertThat(sent.body()).isEqualTo(
                IngestFixture.expectedCanonical("custody-with-medication", "custody", ack.getMessageId())));
    }

    @Test
    void exceptionsTravelInTheResponse() {
        Acknowledgement ack = answer(call(request("custody",
                IngestFixture.caseLine("custody-unknown-ethnicity-no-solicitor")), new SoapCaller(KENT_HUB, null)));

        assertThat(ack.getStatus()).isEqualTo(Status.ACCEPTED_WITH_EXCEPTIONS);
        assertThat(ack.getExceptions().getException()).extracting(e -> e.getCode() + " " + e.getPath() + " "
                + e.getSeverity().value()).containsExactly(
                        "FL-CODE-UNKNOWN /custody/detainee/ethnicity/selfDefined WARNING",
                        "FL-MISSING-OPTIONAL /custody/rights/solicitor WARNING");
    }

    @Test
    void recordThatCannotBeUnderstoodIsAnsweredRejectedAndKept() throws Exception {
        Element xml = element("<rec:custody xmlns:rec=\"urn:example:custody\"><rec:id>46MA/01873/26</rec:id>"
                + "</rec:custody>");

        Acknowledgement ack = answer(call(request("custody", "\n  ", xml, "\n"), new SoapCaller(KENT_HUB, null)));

        assertThat(ack.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(ack.getExceptions().getException()).singleElement()
                .satisfies(e -> assertThat(e.getCode()).isEqualTo("FL-UNPARSEABLE"));
        assertThat(fixture.quarantine.kept).singleElement().satisfies(kept -> {
            assertThat(kept.messageId()).isEqualTo(ack.getMessageId());
            assertThat(kept.contentType()).isEqualTo("application/xml");
            assertThat(kept.payload()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
                    .endsWith("<rec:custody xmlns:rec=\"urn:example:custody\"><rec:id>46MA/01873/26</rec:id>"
                            + "</rec:custody>");
        });
        assertThat(fixture.queue.sent).isEmpty();
    }

    @Test
    void payloadWithBothAnElementAndTextIsRejected() throws Exception {
        Acknowledgement ack = answer(call(request("custody", "{\"a\": 1}", element("<record/>")),
                new SoapCaller(KENT_HUB, null)));

        assertThat(ack.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(ack.getExceptions().getException().get(0).getMessage())
                .isEqualTo("the payload carries both an element and text; send one record, either as an element or"
                        + " as text");
    }

    @Test
    void systemTheForceDoesNotHaveOnSoapIsAClientFault() {
        SoapFault unknown = fault(call(request("nonsense", "{}"), new SoapCaller(KENT_HUB, null)));
        SoapFault notOnSoap = fault(call(request("crime", "{}"), new SoapCaller(KENT_HUB, null)));

        assertThat(unknown.getFaultCode().getLocalPart()).isEqualTo("Client");
        assertThat(unknown.getMessage()).isEqualTo("force kent has no system 'nonsense' that submits over SOAP");
        assertThat(notOnSoap.getMessage()).isEqualTo("force kent has no system 'crime' that submits over SOAP");
        assertThat(fixture.quarantine.kept).isEmpty();
    }

    @Test
    void credentialScopedToOtherSystemsIsAClientFault() {
        Credential crimeDesk = new Credential("kent-crime-desk", "kent", Set.of("crime"));

        SoapFault fault = fault(call(request("custody", "{}"), new SoapCaller(crimeDesk, null)));

        assertThat(fault.getMessage()).isEqualTo("credential kent-crime-desk may not submit to system 'custody'");
        assertThat(fault.getDetail().getTextContent()).contains("urn:forcelink:problem:forbidden");
    }

    @Test
    void callWithoutAnAuthenticatedCallerIsAClientFault() {
        SoapFault fault = fault(call(request("custody", "{}"), null));

        assertThat(fault.getMessage()).isEqualTo(SoapCredentialsInterceptor.UNAUTHORIZED);
    }

    @Test
    void sameIdempotencyKeyAgainIsTheFirstAnswerMarkedReplayed() {
        SoapCaller caller = new SoapCaller(KENT_HUB, "kent-custody-46MA-01873-26-v7");
        String record = IngestFixture.caseLine("custody-with-medication");

        Acknowledgement first = answer(call(request("custody", record), caller));
        Acknowledgement again = answer(call(request("custody", record), caller));
        SoapFault conflict = fault(call(request("custody", IngestFixture.caseLine("nominal")), caller));

        assertThat(again.getMessageId()).isEqualTo(first.getMessageId());
        assertThat(again.isReplayed()).isTrue();
        assertThat(conflict.getMessage()).isEqualTo("the Idempotency-Key was already used with a different body");
        assertThat(fixture.queue.sent).hasSize(1);
    }

    @Test
    void recordTheBrokerCouldNotTakeIsAServerFault() {
        fixture.queue.refuse = true;

        SoapFault fault = fault(call(request("custody", IngestFixture.caseLine("nominal")),
                new SoapCaller(KENT_HUB, null)));

        assertThat(fault.getFaultCode().getLocalPart()).isEqualTo("Server");
        assertThat(fault.getMessage()).isEqualTo("the record could not be made durable; nothing was accepted, retry");
    }
}
