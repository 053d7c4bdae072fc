package org.forcelink.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read into a tree that remembers where each value came from (file and line, by JSON
 * pointer), so that a problem found long after parsing can still be reported at its line. Trees merged
 * from several files keep each value's own origin.
 */
public final class YamlDocument {

    /** Where a value was written. */
    public record Origin(Path file, int line) {}

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path file;
    private final JsonNode root;
    private final Map<String, Origin> origins;

    private YamlDocument(Path file, JsonNode root, Map<String, Origin> origins) {
        this.file = file;
        this.root = root;
        this.origins = origins;
    }

    /** Reads {@code file}; a syntax error or duplicate key is a {@link ConfigFileException} at its line. */
    public static YamlDocument read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file, 0, "file not found");
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot be read: " + e.getMessage());
        }
        Map<String, Origin> origins = new HashMap<>();
        try (JsonParser parser = YAML.createParser(bytes)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigFileException(file, 1, "the file is empty");
            }
            JsonNode root = readValue(parser, file, "", origins);
            return new YamlDocument(file, root, origins);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigFileException(file, line, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode readValue(JsonParser parser, Path file, String pointer, Map<String, Origin> origins)
            throws IOException {
        origins.put(pointer, new Origin(file, parser.currentTokenLocation().getLineNr()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser, file, pointer + "/" + escape(name), origins));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, file, pointer + "/" + index++, origins));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nodes.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new ConfigFileException(file, parser.currentTokenLocation().getLineNr(),
                    "unexpected " + parser.currentToken());
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where the value at {@code pointer} (or its nearest written ancestor) came from. */
    public Origin origin(String pointer) {
        String at = pointer;
        while (true) {
            Origin origin = origins.get(at);
            if (origin != null || at.isEmpty()) {
                return origin != null ? origin : new Origin(file, 0);
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }

    /** True when the value at {@code pointer}, or any value under it, was written in another file (an override). */
    public boolean writtenElsewhere(String pointer) {
        for (Map.Entry<String, Origin> entry : origins.entrySet()) {
            String at = entry.getKey();
            if ((at.equals(pointer) || at.startsWith(pointer + "/")) && !entry.getValue().file().equals(file)) {
                return true;
            }
        }
        return false;
    }

    /** A problem with the value at {@code pointer}, reported at the file and line it was written. */
    public ConfigFileException problem(String pointer, String problem) {
        Origin origin = origin(pointer);
        return new ConfigFileException(origin.file(), origin.line(), problem);
    }

    /**
     * This document with {@code overlay} merged onto it: objects merge key by key, any other value of the
     * overlay replaces the base's, and an explicit null removes the base's value. Each value keeps the
     * origin of the file it came from.
     */
    public YamlDocument mergedWith(YamlDocument overlay) {
        Map<String, Origin> merged = new HashMap<>(origins);
        JsonNode root = merge(this.root.deepCopy(), overlay.root, "", overlay, merged);
        return new YamlDocument(file, root, merged);
    }

    private static JsonNode merge(JsonNode base, JsonNode overlay, String pointer, YamlDocument from,
            Map<String, Origin> origins) {
        if (base instanceof ObjectNode object && overlay instanceof ObjectNode changes) {
            changes.fields().forEachRemaining(field -> {
                String at = pointer + "/" + escape(field.getKey());
                if (field.getValue().isNull()) {
                    object.remove(field.getKey());
                } else if (object.has(field.getKey())) {
                    object.set(field.getKey(), merge(object.get(field.getKey()), field.getValue(), at, from, origins));
                } else {
                    object.set(field.getKey(), field.getValue().deepCopy());
                    copyOrigins(from, at, origins);
                }
            });
            return object;
        }
        copyOrigins(from, pointer, origins);
        return overlay.deepCopy();
    }

    private static void copyOrigins(YamlDocument from, String pointer, Map<String, Origin> into) {
        from.origins.forEach((at, origin) -> {
            if (at.equals(pointer) || at.startsWith(pointer + "/")) {
                into.put(at, origin);
            }
        });
    }

    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
