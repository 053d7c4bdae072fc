package org.forcelink.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal a controller or service raises instead of answering; {@link ApiExceptionHandler} turns it
 * into the problem+json it carries.
 */
public class ApiProblem extends RuntimeException {

    private final transient ProblemDetail problem;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.problem = Problems.problem(status, slug, title, detail);
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Bad Request", detail);
    }

    public static ApiProblem notFound(String slug, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, slug, "Not Found", detail);
    }

    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ApiProblem forbidden(String slug, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, slug, "Forbidden", detail);
    }

    public ProblemDetail problem() {
        return problem;
    }
}
