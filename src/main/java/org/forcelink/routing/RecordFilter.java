package org.forcelink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A declarative condition on a canonical record, as written under {@code filter:} in
 * config/subscriptions.yaml (and under {@code $where:} in outbound mappings). Paths are relative to the
 * node tested and may hold {@code *}: a test on a path passes when any value found there passes.
 *
 * <pre>
 *   exists: /custody/medications/*          some value there
 *   path: /x, equals: v | in: [..] | notIn: [..] | matches: regex   (all given must hold for one value)
 *   anyOf: [ ... ]   allOf: [ ... ]   not: { ... }
 * </pre>
 *
 * A list stands for allOf. {@code description:} beside a condition is what journeys and docs call it.
 */
public sealed interface RecordFilter {

    /** Whether {@code node} (a whole record, or an array item for {@code $where}) passes. */
    boolean test(JsonNode node);

    /** Every record passes: a subscription without a filter. */
    RecordFilter ALWAYS = new Always();

    record Always() implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            return true;
        }
    }

    record Exists(FieldPath path) implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            return path.values(node).stream().anyMatch(value -> !(value.isContainerNode() && value.isEmpty()));
        }
    }

    /** Passes when one value at {@code path} satisfies every test given (null tests are not given). */
    record Compare(FieldPath path, JsonNode equals, List<JsonNode> in, List<JsonNode> notIn, Pattern matches)
            implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            for (JsonNode value : path.values(node)) {
                if ((equals == null || same(equals, value))
                        && (in == null || in.stream().anyMatch(candidate -> same(candidate, value)))
                        && (notIn == null || notIn.stream().noneMatch(candidate -> same(candidate, value)))
                        && (matches == null || (value.isValueNode() && matches.matcher(value.asText()).matches()))) {
                    return true;
                }
            }
            return false;
        }

        /** YAML writes 1 and "1" alike for codes, so scalars compare by their text. */
        private static boolean same(JsonNode expected, JsonNode value) {
            if (expected.isValueNode() && value.isValueNode()) {
                return expected.asText().equals(value.asText());
            }
            return expected.equals(value);
        }
    }

    record AnyOf(List<RecordFilter> conditions) implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            return conditions.stream().anyMatch(condition -> condition.test(node));
        }
    }

    record AllOf(List<RecordFilter> conditions) implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            return conditions.stream().allMatch(condition -> condition.test(node));
        }
    }

    record Not(RecordFilter condition) implements RecordFilter {
        @Override
        public boolean test(JsonNode node) {
            return !condition.test(node);
        }
    }

    /** Reads a condition; a missing node is {@link #ALWAYS}. Errors name the offending key. */
    static RecordFilter parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return ALWAYS;
        }
        if (node.isArray()) {
            return new AllOf(parseAll(node));
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("a filter is a mapping such as {exists: /custody/medications}");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.remove("description");
        if (keys.contains("anyOf")) {
            only(keys, "anyOf");
            return new AnyOf(parseAll(node.get("anyOf")));
        }
        if (keys.contains("allOf")) {
            only(keys, "allOf");
            return new AllOf(parseAll(node.get("allOf")));
        }
        if (keys.contains("not")) {
            only(keys, "not");
            return new Not(parse(node.get("not")));
        }
        if (keys.contains("exists")) {
            only(keys, "exists");
            return new Exists(FieldPath.parse(node.get("exists").asText()));
        }
        if (keys.contains("path")) {
            for (String key : keys) {
                if (!List.of("path", "equals", "in", "notIn", "matches").contains(key)) {
                    throw new IllegalArgumentException("unknown filter key '" + key + "'");
                }
            }
            if (keys.size() == 1) {
                throw new IllegalArgumentException("filter on " + node.get("path").asText()
                        + " needs equals, in, notIn or matches (or use exists)");
            }
            return new Compare(FieldPath.parse(node.get("path").asText()), node.get("equals"),
                    list(node.get("in")), list(node.get("notIn")),
                    node.has("matches") ? Pattern.compile(node.get("matches").asText()) : null);
        }
        throw new IllegalArgumentException("a filter needs one of exists, path, anyOf, allOf, not; found " + keys);
    }

    private static void only(List<String> keys, String key) {
        if (keys.size() != 1) {
            throw new IllegalArgumentException("'" + key + "' stands alone in its filter mapping, found " + keys);
        }
    }

    private static List<RecordFilter> parseAll(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("anyOf and allOf take a non-empty list of conditions");
        }
        List<RecordFilter> conditions = new ArrayList<>();
        node.forEach(child -> conditions.add(parse(child)));
        return List.copyOf(conditions);
    }

    private static List<JsonNode> list(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("in and notIn take a list of values");
        }
        List<JsonNode> values = new ArrayList<>();
        Iterator<JsonNode> items = node.elements();
        items.forEachRemaining(values::add);
        return List.copyOf(values);
    }
}
