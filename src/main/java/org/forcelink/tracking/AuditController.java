package org.forcelink.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.api.ApiProblem;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payloads and the DPA 2018 s.62 logs as API calls: a record's payload (only with a reason, which is
 * logged first), who viewed a record, who received what about a subject, and what an operator viewed.
 */
@RestController
public class AuditController {

    private static final int MAX_DISCLOSURES = 1000;

    private final JourneyQueries journeys;
    private final PayloadStore payloads;
    private final QuarantineStore quarantine;
    private final AccessLog accessLog;
    private final DeliveryLog deliveryLog;

    AuditController(JourneyQueries journeys, PayloadStore payloads, QuarantineStore quarantine, AccessLog accessLog,
            DeliveryLog deliveryLog) {
        this.journeys = journeys;
        this.payloads = payloads;
        this.quarantine = quarantine;
        this.accessLog = accessLog;
        this.deliveryLog = deliveryLog;
    }

    /** The record's input as received and its canonical record; refused without a reason, logged with it. */
    @GetMapping("/api/v1/messages/{messageId}/payload")
    Map<String, Object> payload(@PathVariable String messageId, @RequestParam(required = false) String reason,
            Authentication authentication) {
        String why = AccessLog.requireReason(reason);
        Caller caller = Caller.of(authentication);
        String force = visibleForce(messageId, caller);
        PayloadStore.Payload payload = payloads.find(messageId).orElse(null);
        if (payload == null) {
            QuarantineStore.Entry rejected = quarantine.find(messageId).orElseThrow(() -> ApiProblem.notFound(
                    "no-payload", "no payload is stored for record " + messageId));
            return quarantinedPayload(caller, rejected, why);
        }
        if (payload.purgedAt() != null) {
            throw new ApiProblem(HttpStatus.GONE, "payload-purged", "Gone", "the payload of record " + messageId
                    + " was purged by the retention job at " + payload.purgedAt());
        }
        accessLog.viewed(caller.name(), messageId, force, AccessLog.Action.PAYLOAD, why);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("force", payload.force());
        body.put("recordType", payload.recordType());
        body.put("receivedAt", payload.receivedAt());
        body.put("contentType", payload.contentType());
        if (payload.mappingId() != null) {
            Map<String, Object> mapping = new LinkedHashMap<>();
            mapping.put("id", payload.mappingId());
            mapping.put("version", payload.mappingVersion());
            body.put("mapping", mapping);
        }
        putInput(body, payload.contentType(), payload.raw());
        body.put("canonical", parse(payload.canonicalJson()));
        return body;
    }

    private Map<String, Object> quarantinedPayload(Caller caller, QuarantineStore.Entry entry, String why) {
        if (entry.purgedAt() != null) {
            throw new ApiProblem(HttpStatus.GONE, "payload-purged", "Gone", "the quarantined input of record "
                    + entry.messageId() + " was purged by the retention job at " + entry.purgedAt());
        }
        accessLog.viewed(caller.name(), entry.messageId(), entry.force(), AccessLog.Action.QUARANTINED_INPUT, why);
        return QuarantineJson.of(entry, true);
    }

    /** Who viewed a record: every logged view, oldest first. */
    @GetMapping("/api/v1/messages/{messageId}/views")
    Map<String, Object> views(@PathVariable String messageId, Authentication authentication) {
        visibleForce(messageId, Caller.of(authentication));
        return ordered("messageId", messageId, "views", accessLog.views(messageId));
    }

    /** Who received what about a subject: every delivery of every record carrying the business key. */
    @GetMapping("/api/v1/disclosures")
    Map<String, Object> disclosures(@RequestParam(required = false) String key,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication authentication) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("bad-search", "key is required: the business key of the subject");
        }
        Caller caller = Caller.of(authentication);
        List<DeliveryLog.Disclosure> found = deliveryLog.about(key.trim(), caller.forceScope(),
                SearchCriteria.instant("from", from), SearchCriteria.instant("to", to), MAX_DISCLOSURES);
        return ordered("key", key.trim(), "deliveries", found);
    }

    /** What one operator viewed in a window (default: the last 30 days), newest first. */
    @GetMapping("/api/v1/access-log")
    Map<String, Object> accessLog(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (actor == null || actor.isBlank()) {
            throw ApiProblem.badRequest("bad-search", "actor is required: the operator whose views to list");
        }
        Instant end = SearchCriteria.instant("to", to);
        end = end == null ? Instant.now().plusSeconds(1) : end;
        Instant start = SearchCriteria.instant("from", from);
        start = start == null ? end.minus(30, ChronoUnit.DAYS) : start;
        return ordered("actor", actor.trim(), "views", accessLog.viewsBy(actor.trim(), start, end, MAX_DISCLOSURES));
    }

    /** The record's force when the caller may see it; otherwise the record does not exist for the caller. */
    private String visibleForce(String messageId, Caller caller) {
        return journeys.forceOf(messageId).filter(caller::sees).orElseThrow(() -> ApiProblem.notFound(
                "unknown-message", "no record " + messageId + " in your scope"));
    }

    private static Map<String, Object> ordered(String firstKey, Object first, String secondKey, Object second) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(firstKey, first);
        body.put(secondKey, second);
        return body;
    }

    /** Text input as text (when it is valid UTF-8 of a textual type), anything else as base64. */
    public static void putInput(Map<String, Object> body, String contentType, byte[] raw) {
        if (raw == null) {
            return;
        }
        String text = textual(contentType) ? utf8(raw) : null;
        if (text != null) {
            body.put("input", text);
        } else {
            body.put("inputBase64", Base64.getEncoder().encodeToString(raw));
        }
    }

    private static boolean textual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase();
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("csv");
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical record is not JSON", e);
        }
    }
}
