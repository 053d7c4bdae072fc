package org.forcelink.ingest.soap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.headers.Header;
import org.forcelink.ingest.IngestResult;
import org.forcelink.ingest.IngestService;
import org.forcelink.ingest.Submission;
import org.forcelink.ingest.soap.v1.Acknowledgement;
import org.forcelink.ingest.soap.v1.RecordException;
import org.forcelink.ingest.soap.v1.Severity;
import org.forcelink.ingest.soap.v1.Status;
import org.forcelink.ingest.soap.v1.SubmitRecord;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.forcelink.security.Credential;
import org.w3c.dom.Element;

/**
 * The SOAP source (called by the {@code soap-in} route): takes a schema-valid {@code SubmitRecord} of an
 * authenticated caller, hands its record to the ingest gate and answers with the acknowledgement, REJECTED
 * included. Only a call that names a system the caller's force does not have on SOAP, that its credential
 * may not submit to, or that the hub could not make durable is answered with a Fault.
 */
public class SoapRecords {

    private final IngestService ingest;
    private final ForceRegistry registry;
    private final DatatypeFactory datatypes;

    public SoapRecords(IngestService ingest, ForceRegistry registry) {
        this.ingest = ingest;
        this.registry = registry;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
    }

    public Acknowledgement submit(Exchange exchange) {
        SubmitRecord request = request(exchange.getIn().getBody());
        SoapCaller caller = caller(exchange);
        // The request's SOAP headers would otherwise be copied into the response.
        exchange.getIn().removeHeader(Header.HEADER_LIST);
        Credential credential = caller.credential();
        String system = request.getSystem();
        Optional<SourceSystem> target = registry.system(credential.force(), system).filter(s -> s.uses(Channel.SOAP));
        if (target.isEmpty()) {
            throw SoapFaults.client("unknown-system", "force " + credential.force() + " has no system '" + system
                    + "' that submits over SOAP");
        }
        if (!credential.maySubmitTo(system)) {
            throw SoapFaults.client("forbidden", "credential " + credential.id() + " may not submit to system '"
                    + system + "'");
        }
        List<Object> content = request.getPayload().getContent();
        Element element = content.stream().filter(Element.class::isInstance).map(Element.class::cast)
                .findFirst().orElse(null);
        String text = String.join("", content.stream().filter(String.class::isInstance).map(String.class::cast)
                .toList());
        Submission submission = new Submission(credential.id(), credential.force(), system, "soap",
                element != null ? "application/xml" : target.get().contentTypes().get(0),
                element != null ? serialize(element) : text.getBytes(StandardCharsets.UTF_8), caller.idempotencyKey());
        IngestResult result = element != null && !text.isBlank()
                ? ingest.reject(submission, "FL-UNPARSEABLE", "", "the payload carries both an element and text;"
                        + " send one record, either as an element or as text")
                : ingest.submit(submission);
        return switch (result.outcome()) {
            case ACCEPTED, REJECTED -> acknowledgement(result.acknowledgement(), false);
            case REPLAYED -> acknowledgement(result.acknowledgement(), true);
            case CONFLICT -> throw SoapFaults.client("idempotency-conflict", result.detail());
            case UNAVAILABLE -> throw SoapFaults.server("unavailable", result.detail());
        };
    }

    /** The request as CXF hands it over in POJO mode: the operation's parameters, here the one element. */
    private static SubmitRecord request(Object body) {
        Object request = body instanceof List<?> parameters && !parameters.isEmpty() ? parameters.get(0) : body;
        if (!(request instanceof SubmitRecord submit)) {
            throw new IllegalArgumentException("expected a SubmitRecord request");
        }
        return submit;
    }

    private static SoapCaller caller(Exchange exchange) {
        org.apache.cxf.message.Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE,
                org.apache.cxf.message.Message.class);
        SoapCaller caller = cxf == null ? null : cxf.getExchange().get(SoapCaller.class);
        if (caller == null) {
            throw SoapFaults.client("unauthorized", SoapCredentialsInterceptor.UNAUTHORIZED);
        }
        return caller;
    }

    private Acknowledgement acknowledgement(org.forcelink.ingest.Acknowledgement ack, boolean replayed) {
        Acknowledgement answer = new Acknowledgement();
        answer.setMessageId(ack.messageId());
        answer.setStatus(Status.fromValue(ack.status().name()));
        answer.setReceivedAt(datatypes.newXMLGregorianCalendar(ack.receivedAt().toString()));
        if (replayed) {
            answer.setReplayed(true);
        }
        answer.setExceptions(new Acknowledgement.Exceptions());
        for (org.forcelink.canonical.RecordException exception : ack.exceptions()) {
            RecordException item = new RecordException();
            item.setCode(exception.code());
            item.setPath(exception.path());
            item.setSeverity(Severity.fromValue(exception.severity().name()));
            item.setMessage(exception.message());
            answer.getExceptions().getException().add(item);
        }
        return answer;
    }

    /** The record element as a UTF-8 XML document, with the namespace declarations it uses from the envelope. */
    private static byte[] serialize(Element element) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the record element", e);
        }
    }
}
