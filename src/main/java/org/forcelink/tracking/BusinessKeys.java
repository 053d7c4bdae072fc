package org.forcelink.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the business keys a canonical record can be searched by, wherever in the record they sit. */
public final class BusinessKeys {

    /** Field names that hold a business key, in every record type and every person. */
    public static final Set<String> KEY_FIELDS =
            Set.of("sourceRecordId", "custodyNumber", "pncId", "crimeReference", "asn", "urn", "intelligenceId");

    private BusinessKeys() {}

    public static Map<String, List<String>> of(JsonNode record) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        collect(record, keys);
        return keys;
    }

    private static void collect(JsonNode node, Map<String, List<String>> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (KEY_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    keys.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue().asText());
                } else {
                    collect(field.getValue(), keys);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, keys));
        }
    }
}
