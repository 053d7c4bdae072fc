package org.forcelink.search;

import org.forcelink.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A search request the hub refuses, with the problem+json answer that says why. */
public final class SearchRefusal extends RuntimeException {

    private final transient ProblemDetail problem;

    public SearchRefusal(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.problem = Problems.problem(status, slug, title, detail);
    }

    static SearchRefusal badSearch(String detail) {
        return new SearchRefusal(HttpStatus.BAD_REQUEST, "bad-search", "Bad Request", detail);
    }

    public ProblemDetail problem() {
        return problem;
    }
}
