package org.forcelink.security;

import java.util.List;
import java.util.Locale;

/**
 * What an operator may do. Each role includes the ones below it: a viewer searches and reads journeys,
 * quarantine lists and replay progress; an operator also views payloads (with a reason), resubmits
 * quarantined input and plans and starts replays; an admin also approves other operators' bulk replays
 * and runs retention.
 */
public enum OperatorRole {
    VIEWER, OPERATOR, ADMIN;

    /** The Spring Security authorities this role grants: its own and those of the roles below it. */
    public List<String> authorities() {
        return switch (this) {
            case VIEWER -> List.of("ROLE_VIEWER");
            case OPERATOR -> List.of("ROLE_VIEWER", "ROLE_OPERATOR");
            case ADMIN -> List.of("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
        };
    }

    public static OperatorRole parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be viewer, operator or admin, not '" + text + "'");
        }
    }
}
