package org.forcelink.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One alert rule of {@code config/alerts.yaml}: a kind (dead-letters, backlog, silent-feed, circuit-open),
 * a threshold ({@code above}), how long the condition must hold ({@code for}), and optionally the one
 * recipient it watches.
 */
public record AlertRule(String id, Kind kind, long above, Duration holdFor, String recipient) {

    public enum Kind {
        DEAD_LETTERS("dead-letters"), BACKLOG("backlog"), SILENT_FEED("silent-feed"), CIRCUIT_OPEN("circuit-open");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Kind of(String code, String where) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalStateException(where + ": kind '" + code
                    + "' is not one of dead-letters, backlog, silent-feed, circuit-open");
        }
    }

    public boolean watches(String recipientId) {
        return recipient == null || recipient.equals(recipientId);
    }

    /** Reads the rules; a missing file means no rules. Problems name the file and the rule. */
    public static List<AlertRule> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode rule : root == null ? List.<JsonNode>of() : (Iterable<JsonNode>) root.path("rules")::elements) {
            String where = file + ": rules[" + index++ + "]";
            String id = rule.path("id").asText(null);
            if (id == null || !id.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalStateException(where + ": id must be 1 to 64 of a-z, 0-9 and -");
            }
            if (!ids.add(id)) {
                throw new IllegalStateException(where + ": id '" + id + "' is used twice");
            }
            Kind kind = Kind.of(rule.path("kind").asText(""), where);
            long above = rule.path("above").asLong(0);
            if (above < 0) {
                throw new IllegalStateException(where + ": above must not be negative");
            }
            Duration holdFor;
            try {
                holdFor = rule.hasNonNull("for") ? Duration.parse(rule.get("for").asText()) : Duration.ZERO;
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + ": for must be an ISO-8601 duration such as PT5M");
            }
            rules.add(new AlertRule(id, kind, above, holdFor, rule.path("recipient").asText(null)));
        }
        return List.copyOf(rules);
    }
}
