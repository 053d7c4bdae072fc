package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An allow-list of canonical fields as JSON pointers without list indices ({@code /custody/medications}
 * allows every medication whole, {@code /custody/detainee/surname} one field). What it lets through of a
 * record is a new tree holding only allowed fields; everything else is left behind, so a field added to
 * the canonical model later is withheld until a purpose names it.
 */
public final class FieldFilter {

    private enum Match { ALL, SOME, NONE }

    private final List<String[]> allowed;
    private final List<String> pointers;

    public FieldFilter(List<String> pointers) {
        this.pointers = List.copyOf(pointers);
        this.allowed = pointers.stream().map(FieldFilter::segments).toList();
    }

    public List<String> pointers() {
        return pointers;
    }

    /** The allowed part of {@code node} (a whole canonical record), or null when nothing of it is allowed. */
    public JsonNode apply(JsonNode node) {
        return copy(node, new ArrayList<>());
    }

    /** Whether the field at a concrete pointer (list indices included, as exceptions name fields) is allowed. */
    public boolean allows(String pointer) {
        return match(segments(pointer)) == Match.ALL;
    }

    private JsonNode copy(JsonNode node, List<String> path) {
        Match match = match(path.toArray(String[]::new));
        if (match == Match.ALL) {
            return node.deepCopy();
        }
        if (match == Match.NONE) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                path.add(field.getKey());
                JsonNode child = copy(field.getValue(), path);
                path.remove(path.size() - 1);
                if (child != null) {
                    kept.set(field.getKey(), child);
                }
            });
            return kept.isEmpty() ? null : kept;
        }
        if (node.isArray()) {
            // List indices are not part of the pointers: each element is judged at the list's own path.
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                JsonNode child = copy(element, path);
                if (child != null) {
                    kept.add(child);
                }
            }
            return kept.isEmpty() ? null : kept;
        }
        // A single value under a path some pointer goes deeper than: not what the pointer names.
        return null;
    }

    private Match match(String[] path) {
        Match best = Match.NONE;
        for (String[] pointer : allowed) {
            int common = 0;
            while (common < pointer.length && common < path.length && pointer[common].equals(path[common])) {
                common++;
            }
            if (common == pointer.length) {
                return Match.ALL;
            }
            if (common == path.length) {
                best = Match.SOME;
            }
        }
        return best;
    }

    /** The segments of a pointer, unescaped, without list indices. */
    private static String[] segments(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return new String[0];
        }
        List<String> segments = new ArrayList<>();
        for (String segment : pointer.substring(1).split("/", -1)) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                continue;
            }
            segments.add(segment.replace("~1", "/").replace("~0", "~"));
        }
        return segments.toArray(String[]::new);
    }
}
