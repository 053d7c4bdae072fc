package org.forcelink.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns anything a controller throws into problem+json, never a stack trace: Spring MVC's own errors
 * (wrong method, unreadable request) through the inherited handlers, anything else as a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Spring MVC's own problems (405, 404 for unknown paths, ...) get a ForceLink problem type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && URI.create("about:blank").equals(problem.getType())) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String title = status != null ? status.getReasonPhrase() : "Error";
            problem.setType(URI.create("urn:forcelink:problem:" + slug(title)));
            problem.setTitle(title);
        }
        return response;
    }

    /** The tracking store could not be reached: nothing was accepted, and the caller may retry. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException exception, HttpServletRequest request) {
        log.error("tracking store unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
                exception.getClass().getSimpleName());
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable",
                "the hub's tracking store is unavailable; nothing was accepted, retry");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
        return Problems.response(problem.problem());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), exception);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the hub could not answer this request; nothing was accepted");
    }

    static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
