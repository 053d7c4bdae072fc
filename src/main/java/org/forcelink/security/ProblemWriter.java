package org.forcelink.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.forcelink.api.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers the security filters' refusals with problem+json like every other error: 401 with the bearer
 * and Basic challenges when credentials are missing or wrong, 403 when the caller's role does not allow
 * the request.
 */
final class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"forcelink\"");
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"forcelink\"");
            write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "a valid bearer token of a force or an operator login is required");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "your role does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private void write(HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.problem(status, slug, title, detail));
    }
}
