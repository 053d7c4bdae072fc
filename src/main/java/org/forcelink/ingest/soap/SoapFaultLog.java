package org.forcelink.ingest.soap;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Logs each Fault the records service answers with, by what it is and never by what it says: CXF's own
 * fault messages quote the request (an unexpected element's name, the text around a parse error), which
 * may be personal data, so CXF's fault logging is turned down (application.yaml) and this line stands in
 * for it. A fault of the hub's own ({@link SoapFaults}) is named by its problem type, any other by the
 * kind of error behind it.
 */
final class SoapFaultLog extends AbstractPhaseInterceptor<Message> {

    private static final Logger log = LoggerFactory.getLogger(SoapFaultLog.class);

    SoapFaultLog() {
        super(Phase.SETUP);
    }

    @Override
    public void handleMessage(Message message) {
        Exception exception = message.getContent(Exception.class);
        if (!(exception instanceof Fault fault)) {
            return;
        }
        String code = fault instanceof SoapFault soap ? soap.getFaultCode().getLocalPart()
                : fault.getFaultCode().getLocalPart();
        log.warn("SOAP request answered with a {} fault: {}", code, kind(fault));
    }

    private static String kind(Fault fault) {
        Element detail = fault.getDetail();
        if (detail != null) {
            Element problem = (Element) detail.getElementsByTagNameNS(SoapFaults.NAMESPACE, "type").item(0);
            if (problem != null) {
                return problem.getTextContent();
            }
        }
        Throwable cause = fault.getCause() != null ? fault.getCause() : fault;
        return cause.getClass().getName();
    }
}
