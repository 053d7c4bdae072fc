package org.forcelink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fields a recipient may receive (principle 4, least data): a copy of a canonical record holding
 * only what the allowed paths reach, in the record's own order. A path to an object allows all of it.
 * The hub's message id is not personal data and is always kept, so every delivery can carry it.
 */
public record FieldAllowList(List<FieldPath> paths) {

    public static final FieldPath MESSAGE_ID = FieldPath.parse("/envelope/messageId");

    public FieldAllowList {
        List<FieldPath> all = new ArrayList<>(paths);
        if (all.stream().noneMatch(path -> path.text().equals(MESSAGE_ID.text()))) {
            all.add(MESSAGE_ID);
        }
        paths = List.copyOf(all);
    }

    /** A new record with only the allowed fields; {@code record} is left as it was. */
    public ObjectNode apply(JsonNode record) {
        JsonNode kept = keep(record, paths.stream().map(FieldPath::segments).toList(), 0);
        return kept instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    /** The part of {@code node} (at {@code depth} segments from the root) that some path still reaching it allows. */
    private static JsonNode keep(JsonNode node, List<List<String>> reaching, int depth) {
        if (reaching.stream().anyMatch(path -> path.size() == depth)) {
            return node.deepCopy();
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<List<String>> next = step(reaching, depth, field.getKey());
                if (!next.isEmpty()) {
                    JsonNode kept = keep(field.getValue(), next, depth + 1);
                    if (kept != null) {
                        out.set(field.getKey(), kept);
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                List<List<String>> next = step(reaching, depth, String.valueOf(i));
                if (!next.isEmpty()) {
                    JsonNode kept = keep(node.get(i), next, depth + 1);
                    if (kept != null) {
                        out.add(kept);
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }
        return null;
    }

    private static List<List<String>> step(List<List<String>> reaching, int depth, String name) {
        return reaching.stream()
                .filter(path -> path.size() > depth
                        && (FieldPath.ANY.equals(path.get(depth)) || path.get(depth).equals(name)))
                .toList();
    }
}
