package org.forcelink.delivery;

import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.routing.TransportSettings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Calls a SOAP 1.1 recipient through an Apache CXF client: operation {@code Deliver} in namespace
 * {@value #NAMESPACE}, carrying the message id and the record (its XML as an element, other formats as
 * text), with the {@code X-ForceLink-Message-Id} HTTP header and the recipient's credentials. The answer
 * {@code DeliverResponse} says ACK or NACK; a Client fault refuses the record, anything else is retried.
 */
public class SoapRecipientTransport implements RecipientTransport {

    public static final String NAMESPACE = "urn:forcelink:delivery:v1";
    private static final QName SERVICE = new QName(NAMESPACE, "DeliveryService");
    private static final QName PORT = new QName(NAMESPACE, "DeliveryPort");

    private final UnaryOperator<String> placeholders;
    /** One JAX-WS service per recipient url: building it is costly, a Dispatch per call is not. */
    private final Map<String, Service> services = new ConcurrentHashMap<>();

    public SoapRecipientTransport(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    @Override
    public String type() {
        return "soap";
    }

    @Override
    public RecipientAnswer send(Delivery delivery) throws Exception {
        TransportSettings.Soap settings = (TransportSettings.Soap) delivery.recipient().transport();
        String recipient = delivery.recipient().id();
        String url = placeholders.apply(settings.url());
        Service service = services.computeIfAbsent(url, address -> {
            Service created = Service.create(SERVICE);
            created.addPort(PORT, SOAPBinding.SOAP11HTTP_BINDING, address);
            return created;
        });
        Dispatch<Source> dispatch = service.createDispatch(PORT, Source.class, Service.Mode.PAYLOAD);
        Map<String, Object> context = dispatch.getRequestContext();
        context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        context.put(BindingProvider.SOAPACTION_URI_PROPERTY, NAMESPACE + "/Deliver");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(ForceLinkHeaders.HTTP_MESSAGE_ID, List.of(delivery.messageId()));
        String authorization = HttpRecipientTransport.authorization(settings.auth(), placeholders);
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        context.put(MessageContext.HTTP_REQUEST_HEADERS, headers);
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.timeout().toMillis());
        policy.setReceiveTimeout(settings.timeout().toMillis());
        policy.setAllowChunking(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        Source response;
        try {
            response = dispatch.invoke(new StreamSource(new StringReader(request(delivery))));
        } catch (WebServiceException e) {
            throw failure(recipient, e);
        } finally {
            client.destroy();
        }
        return answer(recipient, response);
    }

    /** The Deliver element: the message id, the media type and the record. */
    static String request(Delivery delivery) {
        Rendered rendered = delivery.rendered();
        String text = rendered.bodyText();
        boolean xml = rendered.contentType().contains("xml");
        String payload = xml ? text.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "").strip()
                : OutboundMapping.escape(text, false);
        return "<Deliver xmlns=\"" + NAMESPACE + "\"><messageId>" + delivery.messageId() + "</messageId>"
                + "<contentType>" + OutboundMapping.escape(rendered.contentType(), false) + "</contentType>"
                + "<payload>" + payload + "</payload></Deliver>";
    }

    private static RecipientAnswer answer(String recipient, Source response) throws Exception {
        DOMResult dom = new DOMResult();
        TransformerFactory.newInstance().newTransformer().transform(response, dom);
        Node node = dom.getNode();
        Element root = node instanceof Element element ? element : ((org.w3c.dom.Document) node).getDocumentElement();
        String status = child(root, "status");
        String reason = child(root, "reason");
        String reference = child(root, "reference");
        if ("NACK".equalsIgnoreCase(status)) {
            return new RecipientAnswer(RecipientAnswer.Outcome.NACK, "NACK from " + recipient,
                    HttpRecipientTransport.shorten(reason), reference);
        }
        return new RecipientAnswer(RecipientAnswer.Outcome.ACK, "SOAP ACK from " + recipient
                + (reference != null ? ", reference " + reference : ""), null, reference);
    }

    private static String child(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent();
            }
        }
        return null;
    }

    /** A SOAP fault (as JAX-WS or as CXF reports it): Client refuses the record, anything else may pass later. */
    private static RuntimeException failure(String recipient, WebServiceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            QName code = null;
            String reason = null;
            if (cause instanceof SOAPFaultException soap) {
                SOAPFault fault = soap.getFault();
                code = fault.getFaultCodeAsQName();
                reason = fault.getFaultString();
            } else if (cause instanceof SoapFault soap) {
                code = soap.getFaultCode();
                reason = soap.getReason();
            }
            if (code != null) {
                String name = code.getLocalPart();
                String text = "SOAP " + name + " fault from " + recipient + ": " + HttpRecipientTransport.shorten(reason);
                return name.equals("Client") ? new RecipientRefusedException(text)
                        : new RecipientUnavailableException(text, e);
            }
        }
        return new RecipientUnavailableException("SOAP call to " + recipient + " failed: "
                + HttpRecipientTransport.shorten(rootMessage(e)), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
