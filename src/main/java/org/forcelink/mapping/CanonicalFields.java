package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.canonical.CanonicalJson;

/**
 * The fields of the canonical model as its JSON Schemas declare them, so that a mapping naming a field
 * that does not exist is refused when it is loaded, not discovered record by record.
 */
public final class CanonicalFields {

    /** What a target pointer names. */
    enum Kind { OBJECT, ARRAY_OF_OBJECTS, ARRAY_OF_VALUES, VALUE }

    /** A schema node with the file its relative references resolve against. */
    record Node(JsonNode schema, String file) {}

    private static final List<String> FILES = List.of("record.schema.json", "envelope.schema.json",
            "person.schema.json", "nominal.schema.json", "custody.schema.json", "crime.schema.json",
            "case-file.schema.json", "intelligence.schema.json");
    private static final CanonicalFields INSTANCE = new CanonicalFields();

    private final Map<String, JsonNode> schemas = new HashMap<>();

    private CanonicalFields() {
        for (String file : FILES) {
            try (InputStream in = CanonicalFields.class.getResourceAsStream("/canonical/v1/" + file)) {
                schemas.put(file, CanonicalJson.mapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("canonical schema " + file + " cannot be read", e);
            }
        }
    }

    static CanonicalFields get() {
        return INSTANCE;
    }

    /**
     * Whether a JSON pointer into a whole canonical record names a field of the model. Lists are walked
     * through without an index ({@code /custody/medications/name} is the name of every medication), as
     * mapping targets name them. For configuration that selects fields, checked when it is loaded.
     */
    public static boolean isField(String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        if (!pointer.startsWith("/")) {
            return false;
        }
        List<String> segments = java.util.Arrays.stream(pointer.substring(1).split("/", -1))
                .map(segment -> segment.replace("~1", "/").replace("~0", "~"))
                .toList();
        return INSTANCE.at(INSTANCE.root(), segments) != null;
    }

    Node root() {
        return new Node(schemas.get("record.schema.json"), "record.schema.json");
    }

    /** The node {@code segments} lead to from {@code from}, or null with no such field. */
    Node at(Node from, List<String> segments) {
        Node node = from;
        for (String segment : segments) {
            node = resolve(node);
            if (node.schema().path("type").asText().equals("array")) {
                node = resolve(new Node(node.schema().path("items"), node.file()));
            }
            JsonNode child = node.schema().path("properties").get(segment);
            if (child == null) {
                return null;
            }
            node = new Node(child, node.file());
        }
        return resolve(node);
    }

    /** The element schema of an array node. */
    Node items(Node array) {
        Node node = resolve(array);
        return resolve(new Node(node.schema().path("items"), node.file()));
    }

    Kind kind(Node node) {
        Node resolved = resolve(node);
        String type = resolved.schema().path("type").asText();
        if (type.equals("array")) {
            return items(resolved).schema().path("type").asText().equals("object")
                    ? Kind.ARRAY_OF_OBJECTS : Kind.ARRAY_OF_VALUES;
        }
        return type.equals("object") ? Kind.OBJECT : Kind.VALUE;
    }

    /** Names the fields under an object node, for messages. */
    String fieldsOf(Node node) {
        Node resolved = resolve(node);
        if (resolved.schema().path("type").asText().equals("array")) {
            resolved = items(resolved);
        }
        StringBuilder names = new StringBuilder();
        resolved.schema().path("properties").fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append(n));
        return names.toString();
    }

    private Node resolve(Node node) {
        Node current = node;
        for (int hops = 0; hops < 8 && current.schema().has("$ref"); hops++) {
            String ref = current.schema().get("$ref").asText();
            if (ref.startsWith("#")) {
                current = new Node(schemas.get(current.file()).at(ref.substring(1)), current.file());
            } else {
                current = new Node(schemas.get(ref), ref);
            }
        }
        return current;
    }
}
