package org.forcelink.search.stub;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.forcelink.api.Problems;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embedded stand-ins for the force systems that answer subject queries, on the hub's own web server
 * (default run and tests only; {@code forcelink.search.stubs.enabled}). Each answers in its query format's
 * own layout from the sample data in {@code mappings/queries/<format>/stub/}, and can be told to be slow,
 * fail or know nothing. Only callers on this machine are served.
 */
@RestController
@ConditionalOnProperty(name = "forcelink.search.stubs.enabled", havingValue = "true")
class ForceQueryStubs {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private final ForceRegistry registry;
    private final ReferenceData reference;
    private final StubDefinitions definitions;
    private final StubBehaviours behaviours;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    ForceQueryStubs(ForceRegistry registry, ReferenceData reference, StubDefinitions definitions,
            StubBehaviours behaviours, ScheduledExecutorService stubScheduler) {
        this.registry = registry;
        this.reference = reference;
        this.definitions = definitions;
        this.behaviours = behaviours;
        this.scheduler = stubScheduler;
        this.clock = Clock.systemUTC();
    }

    /**
     * A force system's answer to a query. Written with the servlet API rather than as a Spring MVC value so
     * that a normal answer costs one dispatch; a slow one is completed later from the scheduler, holding no
     * thread while it waits.
     */
    @PostMapping("/stubs/forces/{force}/{system}/query")
    void query(@PathVariable String force, @PathVariable String system, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (!local(request)) {
            problem(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "the force query stubs serve this machine only");
            return;
        }
        Optional<SourceSystem> found = registry.system(force, system);
        String format = found.map(s -> s.setting("query").path("format").asText(null)).orElse(null);
        Optional<StubDefinition> definition = format == null ? Optional.empty() : definitions.of(format);
        if (definition.isEmpty()) {
            problem(response, HttpStatus.NOT_FOUND, "unknown-stub", "Not Found",
                    "no stub answers queries for " + force + "/" + system);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(1024 * 1024);
        StubBehaviours.Behaviour behaviour = behaviours.of(force);
        StubDefinition stub = definition.get();
        StubDefinition.Answer answer = switch (behaviour.mode()) {
            case FAIL -> stub.failure();
            case EMPTY -> stub.empty();
            case NORMAL, SLOW -> stub.answer(force, body);
        };
        if (behaviour.mode() != StubBehaviours.Mode.SLOW) {
            write(response, stub, force, answer);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(behaviour.delayMs() + TimeUnit.MINUTES.toMillis(1));
        scheduler.schedule(() -> {
            try {
                write((HttpServletResponse) async.getResponse(), stub, force, answer);
            } catch (IOException | IllegalStateException e) {
                // The hub stopped waiting and closed the connection: nobody is left to answer.
            } finally {
                async.complete();
            }
        }, behaviour.delayMs(), TimeUnit.MILLISECONDS);
    }

    private void write(HttpServletResponse response, StubDefinition stub, String force, StubDefinition.Answer answer)
            throws IOException {
        Instant now = clock.instant();
        Instant asOf = "hour".equals(stub.asOf()) ? now.truncatedTo(ChronoUnit.HOURS) : now.truncatedTo(ChronoUnit.SECONDS);
        String forceNumber = reference.force(force).map(f -> f.pncForceCode()).orElse("00");
        String http = DateTimeFormatter.RFC_1123_DATE_TIME.format(asOf.atZone(ZoneId.of("GMT")));
        // Latin-1 keeps every byte as it is, whatever the file's own encoding; the placeholders are ASCII.
        byte[] body = new String(answer.body(), StandardCharsets.ISO_8859_1)
                .replace("{{force}}", force)
                .replace("{{forceNumber}}", forceNumber)
                .replace("{{asOfLocal}}", LOCAL.format(asOf))
                .replace("{{asOfHttp}}", http)
                .replace("{{asOf}}", asOf.toString())
                .getBytes(StandardCharsets.ISO_8859_1);
        response.setStatus(answer.status());
        response.setHeader(HttpHeaders.CONTENT_TYPE, stub.contentType());
        response.setHeader(HttpHeaders.LAST_MODIFIED, http);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String slug, String title,
            String detail) throws IOException {
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "urn:forcelink:problem:" + slug);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        byte[] body = CanonicalJson.mapper().writeValueAsBytes(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(body);
    }

    /** Every force whose stub does not behave normally. */
    @GetMapping("/stubs/forces/behaviour")
    ResponseEntity<?> behaviours(HttpServletRequest request) {
        if (!local(request)) {
            return forbidden();
        }
        return ResponseEntity.ok(behaviours.all());
    }

    /** Tells a force's stub how to behave: {"mode": "slow", "delayMs": 5000}, "fail", "empty" or "normal". */
    @PutMapping("/stubs/forces/{force}/behaviour")
    ResponseEntity<?> behave(@PathVariable String force, @RequestBody Map<String, Object> body,
            HttpServletRequest request) {
        if (!local(request)) {
            return forbidden();
        }
        if (registry.force(force).isEmpty()) {
            return Problems.response(HttpStatus.NOT_FOUND, "unknown-force", "Not Found", "no force '" + force + "'");
        }
        StubBehaviours.Mode mode;
        try {
            mode = StubBehaviours.Mode.valueOf(String.valueOf(body.get("mode")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Problems.response(HttpStatus.BAD_REQUEST, "bad-stub-behaviour", "Bad Request",
                    "mode is one of normal, slow, fail, empty");
        }
        Long delay = null;
        if (mode == StubBehaviours.Mode.SLOW) {
            if (!(body.get("delayMs") instanceof Number number) || number.longValue() <= 0
                    || number.longValue() > TimeUnit.MINUTES.toMillis(5)) {
                return Problems.response(HttpStatus.BAD_REQUEST, "bad-stub-behaviour", "Bad Request",
                        "a slow stub needs delayMs, 1 to 300000");
            }
            delay = number.longValue();
        }
        StubBehaviours.Behaviour behaviour = new StubBehaviours.Behaviour(mode, delay);
        behaviours.set(force, behaviour);
        return ResponseEntity.ok(behaviour);
    }

    /** Every stub back to normal. */
    @DeleteMapping("/stubs/forces/behaviour")
    ResponseEntity<?> reset(HttpServletRequest request) {
        if (!local(request)) {
            return forbidden();
        }
        behaviours.reset();
        return ResponseEntity.noContent().build();
    }

    private static boolean local(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ResponseEntity<?> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                        "the force query stubs serve this machine only"));
    }

    /** Where the stubs' definitions live, for the configuration. */
    static Path queriesDir(Path home) {
        return home.resolve("mappings").resolve("queries");
    }
}
