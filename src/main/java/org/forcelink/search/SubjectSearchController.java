package org.forcelink.search;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.forcelink.api.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/subjects/search}: what the forces know about a subject now, for a purpose and a
 * reason; and {@code GET /api/v1/subjects/searches?key=}: who searched for, or was shown, a subject.
 * Checks, first that applies answers: 401, 415, 413, 400 (no purpose or reason, then the identifiers),
 * 503 (no search policy), 400 unknown purpose, 403 purpose not granted, 400 force not connected.
 */
@RestController
class SubjectSearchController {

    private final SearchCallers callers;
    private final SubjectSearchService searches;
    private final SearchLog log;
    private final SearchSettings settings;

    SubjectSearchController(SearchCallers callers, SubjectSearchService searches, SearchLog log,
            SearchSettings settings) {
        this.callers = callers;
        this.searches = searches;
        this.log = log;
        this.settings = settings;
    }

    @PostMapping("/api/v1/subjects/search")
    ResponseEntity<?> search(HttpServletRequest request) throws IOException {
        Optional<SearchCaller> caller = callers.identify(request);
        if (caller.isEmpty()) {
            return unauthorized();
        }
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || type.getCharset() != null && !"UTF-8".equalsIgnoreCase(type.getCharset().name())) {
            return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Media Type", "a search is application/json in UTF-8");
        }
        long max = settings.maxRequestBytes();
        byte[] body = request.getContentLengthLong() > max ? null
                : request.getInputStream().readNBytes((int) max + 1);
        if (body == null || body.length > max) {
            return Problems.response(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Payload Too Large",
                    "a search may be at most " + max + " bytes");
        }
        SearchAnswer answer = searches.search(caller.get(), SearchRequest.parse(body));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(answer);
    }

    @GetMapping("/api/v1/subjects/searches")
    ResponseEntity<?> searches(@RequestParam(required = false) String key,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        Optional<SearchCaller> caller = callers.identify(request);
        if (caller.isEmpty()) {
            return unauthorized();
        }
        Optional<String> subject = SubjectKeys.parse(key);
        if (subject.isEmpty()) {
            return Problems.response(HttpStatus.BAD_REQUEST, "bad-search-key", "Bad Request",
                    "key is a PNC ID (2008/0123456X) or surname,forename,yyyy-MM-dd");
        }
        int max = settings.maxLogEntries();
        if (limit != null && (limit < 1 || limit > max)) {
            return Problems.response(HttpStatus.BAD_REQUEST, "bad-search-key", "Bad Request",
                    "limit is 1 to " + max);
        }
        List<SearchLog.Entry> entries = log.find(subject.get(), caller.get(), limit == null ? max : limit);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(new LoggedSearches(subject.get(), entries));
    }

    /** The answer of the log query: the subject key searched for, and the searches found, newest first. */
    record LoggedSearches(String key, List<SearchLog.Entry> searches) {}

    @ExceptionHandler(SearchRefusal.class)
    ResponseEntity<ProblemDetail> refused(SearchRefusal refusal) {
        return Problems.response(refusal.problem());
    }

    private static ResponseEntity<?> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"forcelink\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "a valid bearer token of a force is required"));
    }
}
