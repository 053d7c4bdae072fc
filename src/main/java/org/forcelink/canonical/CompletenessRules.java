package org.forcelink.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Optional data whose absence deserves a warning, from {@code config/completeness.yaml}: a rule names a
 * JSON pointer that should be present, optionally only when another pointer holds a given value. A
 * missing value never stops a record; recipients that truly need a field say so in their subscription.
 */
public final class CompletenessRules {

    /** Warn with {@code message} when {@code expect} is absent and ({@code whenPath} is null or equals {@code whenEquals}). */
    public record Rule(String expect, String whenPath, JsonNode whenEquals, String message) {}

    private final Map<RecordType, List<Rule>> rules;

    public CompletenessRules(Map<RecordType, List<Rule>> rules) {
        this.rules = rules;
    }

    public static CompletenessRules load(Path file) {
        Map<RecordType, List<Rule>> rules = new EnumMap<>(RecordType.class);
        if (!Files.exists(file)) {
            return new CompletenessRules(rules);
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            root.fields().forEachRemaining(entry -> {
                RecordType type = RecordType.fromJson(entry.getKey())
                        .orElseThrow(() -> new IllegalStateException(file + ": unknown record type '" + entry.getKey() + "'"));
                List<Rule> list = new ArrayList<>();
                for (JsonNode rule : entry.getValue()) {
                    JsonNode when = rule.path("when");
                    list.add(new Rule(rule.path("expect").asText(),
                            when.isMissingNode() ? null : when.path("path").asText(),
                            when.isMissingNode() ? null : when.path("equals"),
                            rule.path("message").asText("recommended data is missing")));
                }
                rules.put(type, List.copyOf(list));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read completeness rules " + file, e);
        }
        return new CompletenessRules(rules);
    }

    public List<RecordException> check(RecordType type, JsonNode record) {
        List<RecordException> found = new ArrayList<>();
        for (Rule rule : rules.getOrDefault(type, List.of())) {
            boolean applies = rule.whenPath() == null || record.at(rule.whenPath()).equals(rule.whenEquals());
            JsonNode value = record.at(rule.expect());
            if (applies && (value.isMissingNode() || value.isNull())) {
                found.add(RecordException.warning("FL-MISSING-OPTIONAL", rule.expect(), rule.message()));
            }
        }
        return found;
    }
}
