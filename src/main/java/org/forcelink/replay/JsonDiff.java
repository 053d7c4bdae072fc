package org.forcelink.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two canonical records, as JSON Pointer paths with the value before and after:
 * what a replay dry run shows an operator about each record it would send again.
 */
public final class JsonDiff {

    /** One changed value; {@code was} or {@code now} is absent where the field did not exist. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String path, JsonNode was, JsonNode now) {}

    /** Most changes reported per record; a dry run is for reading, not for shipping whole records. */
    public static final int MAX_CHANGES = 100;

    private JsonDiff() {}

    public static List<Change> between(JsonNode was, JsonNode now) {
        List<Change> changes = new ArrayList<>();
        compare("", was, now, changes);
        return changes;
    }

    private static void compare(String path, JsonNode was, JsonNode now, List<Change> changes) {
        if (changes.size() >= MAX_CHANGES) {
            return;
        }
        if (was == null || now == null || was.isNull() || now.isNull()) {
            if (!same(was, now)) {
                changes.add(new Change(path.isEmpty() ? "/" : path, orNull(was), orNull(now)));
            }
            return;
        }
        if (was.isObject() && now.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            was.fieldNames().forEachRemaining(fields::add);
            now.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path + "/" + escape(field), was.get(field), now.get(field), changes);
            }
        } else if (was.isArray() && now.isArray()) {
            int size = Math.max(was.size(), now.size());
            for (int i = 0; i < size; i++) {
                compare(path + "/" + i, was.get(i), now.get(i), changes);
            }
        } else if (!was.equals(now)) {
            changes.add(new Change(path.isEmpty() ? "/" : path, was, now));
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        return aMissing && bMissing || !aMissing && !bMissing && a.equals(b);
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
