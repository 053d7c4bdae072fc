package org.forcelink.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

/** Quarantined input as the operator API shows it, with or without the input itself. */
public final class QuarantineJson {

    private QuarantineJson() {}

    public static Map<String, Object> of(QuarantineStore.Entry entry, boolean withInput) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", entry.messageId());
        body.put("force", entry.force());
        body.put("system", entry.system());
        body.put("receivedAt", entry.receivedAt());
        body.put("contentType", entry.contentType());
        body.put("reason", entry.reason());
        body.put("size", entry.size());
        body.put("status", entry.resubmittedAs() != null ? "RESUBMITTED"
                : entry.resubmittedAt() != null ? "RESUBMITTING" : "QUARANTINED");
        if (entry.resubmittedAt() != null) {
            Map<String, Object> resubmission = new LinkedHashMap<>();
            resubmission.put("messageId", entry.resubmittedAs());
            resubmission.put("at", entry.resubmittedAt());
            resubmission.put("by", entry.resubmittedBy());
            body.put("resubmission", resubmission);
        }
        if (entry.purgedAt() != null) {
            body.put("purgedAt", entry.purgedAt());
        }
        if (withInput) {
            AuditController.putInput(body, entry.contentType(), entry.payload());
        }
        return body;
    }
}
