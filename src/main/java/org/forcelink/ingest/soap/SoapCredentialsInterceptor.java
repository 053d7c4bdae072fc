package org.forcelink.ingest.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.forcelink.security.BearerToken;
import org.forcelink.security.Credential;
import org.forcelink.security.ForceCredentials;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Authenticates a call to the records service before its body is read: the HTTP header
 * {@code Authorization: Bearer <token>}, or else a WS-Security UsernameToken whose username is the force
 * code and whose password is the force's token, sent as PasswordText (the hub keeps only hashes of tokens,
 * so a PasswordDigest cannot be checked; send it over TLS). Anything else is a soap:Client Fault. The
 * caller is left on the CXF exchange as a {@link SoapCaller}, with the optional {@code Idempotency-Key};
 * the Security header itself is removed, so the token is neither handed on nor echoed in the response.
 */
public class SoapCredentialsInterceptor extends AbstractSoapInterceptor {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");
    static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String UNAUTHORIZED = "a valid bearer token or WS-Security UsernameToken of a force is required";

    private final ForceCredentials credentials;
    private final int maxIdempotencyKeyLength;

    public SoapCredentialsInterceptor(ForceCredentials credentials, int maxIdempotencyKeyLength) {
        super(Phase.PRE_PROTOCOL);
        this.credentials = credentials;
        this.maxIdempotencyKeyLength = maxIdempotencyKeyLength;
    }

    /** The Security header is processed here, so a mustUnderstand="1" on it is honoured. */
    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        Optional<Credential> caller = request != null && request.getHeader("Authorization") != null
                ? BearerToken.authenticate(request, credentials)
                : usernameToken(message);
        if (caller.isEmpty()) {
            throw SoapFaults.client("unauthorized", UNAUTHORIZED);
        }
        String key = request == null ? null : request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > maxIdempotencyKeyLength)) {
            throw SoapFaults.client("bad-idempotency-key", "Idempotency-Key must be 1 to " + maxIdempotencyKeyLength
                    + " characters");
        }
        message.getExchange().put(SoapCaller.class, new SoapCaller(caller.get(), key));
    }

    /** Reads the UsernameToken and takes the Security header off the message, so it goes no further. */
    private Optional<Credential> usernameToken(SoapMessage message) {
        Header header = message.getHeader(SECURITY);
        if (header == null) {
            return Optional.empty();
        }
        message.getHeaders().remove(header);
        if (!(header.getObject() instanceof Element security)) {
            return Optional.empty();
        }
        Element token = child(security, "UsernameToken");
        Element username = token == null ? null : child(token, "Username");
        Element password = token == null ? null : child(token, "Password");
        if (username == null || password == null) {
            return Optional.empty();
        }
        String type = password.getAttribute("Type");
        if (!type.isEmpty() && !PASSWORD_TEXT.equals(type)) {
            throw SoapFaults.client("unauthorized", "only PasswordText UsernameTokens are accepted");
        }
        String force = username.getTextContent().trim();
        return credentials.authenticate(password.getTextContent().trim())
                .filter(credential -> credential.force().equals(force));
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && WSSE.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }
}
