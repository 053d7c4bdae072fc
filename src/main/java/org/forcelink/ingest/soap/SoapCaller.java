package org.forcelink.ingest.soap;

import org.forcelink.security.Credential;

/** Who called the SOAP service, as its credentials interceptor found: kept on the CXF exchange for the route. */
public record SoapCaller(Credential credential, String idempotencyKey) {}
