package org.forcelink.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.forcelink.HubProperties;
import org.forcelink.api.Problems;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.forcelink.security.BearerToken;
import org.forcelink.security.Credential;
import org.forcelink.security.ForceCredentials;
import org.forcelink.security.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP source: {@code POST /api/v1/records/{system}}. Checks the request in the order ARCHITECTURE
 * 3.3 gives (401, 429, 404, 403, 413, 415, 400), then hands the record to the ingest gate. A system
 * that does not declare the http channel is, for this source, no system of the force (404).
 */
@RestController
class IngestController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final ForceCredentials credentials;
    private final RateLimiter rateLimiter;
    private final ForceRegistry registry;
    private final IngestService ingest;
    private final HubProperties.Limits limits;

    IngestController(ForceCredentials credentials, RateLimiter rateLimiter, ForceRegistry registry,
            IngestService ingest, HubProperties properties) {
        this.credentials = credentials;
        this.rateLimiter = rateLimiter;
        this.registry = registry;
        this.ingest = ingest;
        this.limits = properties.limits();
    }

    @PostMapping("/api/v1/records/{system}")
    ResponseEntity<?> submit(@PathVariable String system, HttpServletRequest request) throws IOException {
        Optional<Credential> caller = BearerToken.authenticate(request, credentials);
        if (caller.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"forcelink\"")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                            "a valid bearer token of a force is required"));
        }
        Credential credential = caller.get();
        long retryAfter = rateLimiter.tryAcquire(credential.force());
        if (retryAfter > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too Many Requests",
                            "force " + credential.force() + " is over its rate limit; retry after " + retryAfter + " s"));
        }
        Optional<SourceSystem> target = registry.system(credential.force(), system).filter(s -> s.uses(Channel.HTTP));
        if (target.isEmpty()) {
            return Problems.response(HttpStatus.NOT_FOUND, "unknown-system", "Not Found",
                    "force " + credential.force() + " has no system '" + system + "'");
        }
        if (!credential.maySubmitTo(system)) {
            return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "credential " + credential.id() + " may not submit to system '" + system + "'");
        }
        long max = limits.maxRecordBytes();
        if (request.getContentLengthLong() > max) {
            return tooLarge(max);
        }
        byte[] body = readAtMost(request.getInputStream(), max);
        if (body == null) {
            return tooLarge(max);
        }
        ResponseEntity<ProblemDetail> badType = checkContentType(request.getContentType(), target.get());
        if (badType != null) {
            return badType;
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > limits.maxIdempotencyKeyLength())) {
            return Problems.response(HttpStatus.BAD_REQUEST, "bad-idempotency-key", "Bad Request",
                    "Idempotency-Key must be 1 to " + limits.maxIdempotencyKeyLength() + " characters");
        }
        IngestResult result = ingest.submit(new Submission(credential.id(), credential.force(), system, "http",
                request.getContentType(), body, key));
        return answer(result);
    }

    private ResponseEntity<ProblemDetail> checkContentType(String header, SourceSystem system) {
        MediaType type;
        try {
            type = header == null ? null : MediaType.parseMediaType(header);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !system.accepts(type.getType() + "/" + type.getSubtype())) {
            return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Media Type", "system '" + system.id() + "' accepts " + String.join(", ",
                            system.contentTypes()) + (header == null ? "; no Content-Type was given" : ""));
        }
        boolean json = "json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json");
        if (json && type.getCharset() != null && !"UTF-8".equalsIgnoreCase(type.getCharset().name())) {
            return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Media Type", "JSON is accepted in UTF-8 only");
        }
        return null;
    }

    private static ResponseEntity<?> answer(IngestResult result) {
        return switch (result.outcome()) {
            case ACCEPTED -> ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                    .body(result.acknowledgement());
            case REJECTED -> rejected(result.acknowledgement());
            case REPLAYED -> {
                ResponseEntity<?> first = result.replayedStatus() == 422
                        ? rejected(result.acknowledgement())
                        : ResponseEntity.status(result.replayedStatus()).contentType(MediaType.APPLICATION_JSON)
                                .body(result.acknowledgement());
                yield ResponseEntity.status(first.getStatusCode()).headers(first.getHeaders())
                        .header(IDEMPOTENT_REPLAYED, "true").body(first.getBody());
            }
            case CONFLICT -> Problems.response(HttpStatus.CONFLICT, "idempotency-conflict", "Conflict",
                    result.detail());
            case UNAVAILABLE -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable",
                            result.detail()));
        };
    }

    private static ResponseEntity<ProblemDetail> rejected(Acknowledgement ack) {
        ProblemDetail problem = Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "rejected", "Record rejected",
                ack.exceptions().get(0).message());
        problem.setProperty("messageId", ack.messageId());
        problem.setProperty("receivedAt", ack.receivedAt());
        problem.setProperty("exceptions", ack.exceptions());
        return Problems.response(problem);
    }

    private ResponseEntity<ProblemDetail> tooLarge(long max) {
        return Problems.response(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Payload Too Large",
                "a record may be at most " + max + " bytes");
    }

    /** Reads the body, or returns null as soon as it is longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return body.length > max ? null : body;
    }
}
