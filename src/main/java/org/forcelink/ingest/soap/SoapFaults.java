package org.forcelink.ingest.soap;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP Faults of the records service. Each carries, as its detail, a {@code Problem} with the same
 * problem type the HTTP source would give (docs/api.md), so a sender can tell them apart by more than text.
 */
final class SoapFaults {

    static final String NAMESPACE = "urn:forcelink:records:v1";

    private SoapFaults() {}

    /** A fault of the caller (soap:Client): bad credentials, an unknown system, a bad header. */
    static SoapFault client(String problem, String detail) {
        return fault(Soap11.getInstance().getSender(), problem, detail);
    }

    /** A fault of the hub (soap:Server): nothing was accepted; the caller may retry. */
    static SoapFault server(String problem, String detail) {
        return fault(Soap11.getInstance().getReceiver(), problem, detail);
    }

    private static SoapFault fault(QName code, String problem, String detail) {
        SoapFault fault = new SoapFault(detail, code);
        Element details = fault.getOrCreateDetail();
        Document document = details.getOwnerDocument();
        Element element = document.createElementNS(NAMESPACE, "fl:Problem");
        element.appendChild(text(document, "type", "urn:forcelink:problem:" + problem));
        element.appendChild(text(document, "detail", detail));
        details.appendChild(element);
        return fault;
    }

    private static Element text(Document document, String name, String value) {
        Element element = document.createElementNS(NAMESPACE, "fl:" + name);
        element.setTextContent(value);
        return element;
    }
}
