package org.forcelink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON pointer into a canonical record whose segments may be {@code *}, meaning every element of an
 * array (or every member of an object): {@code /crime/offences/*}{@code /homeOfficeClassification}.
 * Subscriptions use it for filters, allow-lists and required fields.
 */
public record FieldPath(String text, List<String> segments) {

    public static final String ANY = "*";

    public static FieldPath parse(String text) {
        if (text == null || !text.startsWith("/") || text.length() < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON pointer such as /custody/medications");
        }
        List<String> segments = Arrays.stream(text.substring(1).split("/", -1))
                .map(segment -> segment.replace("~1", "/").replace("~0", "~"))
                .toList();
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' has an empty segment");
        }
        return new FieldPath(text, segments);
    }

    /** Every value this path reaches in {@code root}; JSON null counts as absent. */
    public List<JsonNode> values(JsonNode root) {
        List<JsonNode> found = new ArrayList<>();
        collect(root, 0, found);
        return found;
    }

    private void collect(JsonNode node, int depth, List<JsonNode> found) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (depth == segments.size()) {
            found.add(node);
            return;
        }
        String segment = segments.get(depth);
        if (ANY.equals(segment)) {
            if (node.isArray() || node.isObject()) {
                node.elements().forEachRemaining(child -> collect(child, depth + 1, found));
            }
        } else if (node.isObject()) {
            collect(node.get(segment), depth + 1, found);
        } else if (node.isArray() && segment.chars().allMatch(Character::isDigit)) {
            collect(node.get(Integer.parseInt(segment)), depth + 1, found);
        }
    }

    /**
     * The concrete pointers at which this path finds nothing (no value, null, empty text, empty array or
     * object). A wildcard requires every element to have the rest of the path, and at least one element.
     */
    public List<String> missing(JsonNode root) {
        List<String> missing = new ArrayList<>();
        findMissing(root, 0, "", missing);
        return missing;
    }

    private void findMissing(JsonNode node, int depth, String at, List<String> missing) {
        if (isEmpty(node)) {
            missing.add(at + rest(depth));
            return;
        }
        if (depth == segments.size()) {
            return;
        }
        String segment = segments.get(depth);
        if (ANY.equals(segment)) {
            if (!(node.isArray() || node.isObject())) {
                missing.add(at + rest(depth));
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    findMissing(node.get(i), depth + 1, at + "/" + i, missing);
                }
            } else {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    findMissing(field.getValue(), depth + 1, at + "/" + escape(field.getKey()), missing);
                }
            }
        } else {
            JsonNode child = node.isArray() && segment.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(segment)) : node.get(segment);
            findMissing(child, depth + 1, at + "/" + escape(segment), missing);
        }
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull()
                || (node.isTextual() && node.asText().isBlank())
                || (node.isContainerNode() && node.isEmpty());
    }

    private String rest(int depth) {
        StringBuilder rest = new StringBuilder();
        for (int i = depth; i < segments.size(); i++) {
            rest.append('/').append(escape(segments.get(i)));
        }
        return rest.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return text;
    }
}
