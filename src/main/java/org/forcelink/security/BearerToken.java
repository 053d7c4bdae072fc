package org.forcelink.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** Reads the bearer token of an HTTP request and resolves it to a force credential. */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private BearerToken() {}

    public static Optional<Credential> authenticate(HttpServletRequest request, ForceCredentials credentials) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return credentials.authenticate(header.substring(PREFIX.length()).trim());
    }
}
