package org.forcelink.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.YamlDocument;

/**
 * JSON in a system's own shape (not canonical), UTF-8 only, read with the hub's strict reader (depth,
 * size and duplicate-key limits). Fields are JSON pointers relative to the record object or to a
 * repeating group's element; numbers and booleans keep their type.
 */
final class JsonFormat implements SourceFormat {

    /** A JSON value of the record with the absolute pointer lineage names it by. */
    record Item(JsonNode node, String pointer) {}

    private final YamlDocument doc;
    private final String rootPointer;
    private final JsonPointer root;

    JsonFormat(YamlDocument doc, JsonNode source) {
        this.doc = doc;
        this.rootPointer = source.path("root").asText("");
        this.root = pointer(rootPointer, "/source/root");
    }

    private JsonPointer pointer(String text, String at) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw doc.problem(at, "'" + text + "' is not a JSON pointer (it starts with /, e.g. /person/familyName)");
        }
    }

    @Override
    public Object parse(byte[] payload, List<RecordException> warnings) {
        if (payload.length == 0) {
            throw new Rejection("FL-EMPTY", "", "the record is empty");
        }
        String text = TextCodec.decode(payload, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = CanonicalJson.untrusted().readTree(text);
        } catch (StreamConstraintsException e) {
            throw new Rejection("FL-LIMIT", "", "the record exceeds a limit: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new Rejection("FL-UNPARSEABLE", "", "the record is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Rejection("FL-UNPARSEABLE", "", "the record is not valid JSON");
        }
        JsonNode record = tree == null ? null : tree.at(root);
        if (!(record instanceof ObjectNode)) {
            throw new Rejection("FL-NOT-A-RECORD", rootPointer, "expected one record (a JSON object"
                    + (rootPointer.isEmpty() ? "" : " at " + rootPointer) + "), found "
                    + (record == null || record.isMissingNode() ? "nothing" : record.getNodeType().name().toLowerCase()));
        }
        return new Item(record, rootPointer);
    }

    @Override
    public Accessor accessor(JsonNode from, String at, boolean all) {
        if (!from.isTextual()) {
            throw doc.problem(at, "a JSON field is a JSON pointer relative to the record, e.g. from: /person/familyName");
        }
        String text = from.asText();
        JsonPointer pointer = pointer(text, at);
        return new Accessor() {
            @Override
            public Object read(Object item) {
                return value(((Item) item).node().at(pointer), text);
            }

            @Override
            public String source(Object item) {
                return ((Item) item).pointer() + text;
            }
        };
    }

    static Object value(JsonNode node, String from) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? null : node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (element.isContainerNode()) {
                    throw new TransformFailure("FL-FORMAT", from + " holds " + element.getNodeType().name().toLowerCase()
                            + "s where values were expected");
                }
                Object value = value(element, from);
                if (value != null) {
                    values.add(value);
                }
            }
            return values.isEmpty() ? null : values;
        }
        throw new TransformFailure("FL-FORMAT", from + " is an object where a value was expected");
    }

    @Override
    public Group group(JsonNode each, String at) {
        if (!each.isTextual()) {
            throw doc.problem(at, "a JSON repeating group is each: <JSON pointer to an array>");
        }
        String text = each.asText();
        JsonPointer pointer = pointer(text, at);
        return item -> {
            Item parent = (Item) item;
            JsonNode array = parent.node().at(pointer);
            List<Object> items = new ArrayList<>();
            if (array.isArray()) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isObject()) {
                        items.add(new Item(array.get(i), parent.pointer() + text + "/" + i));
                    }
                }
            }
            return items;
        };
    }

    /** A JSON source sends one record per request; a dropped file is one record. */
    @Override
    public FileSplit split(byte[] file) {
        return file.length == 0 ? FileSplit.rejected("the file is empty") : FileSplit.of(List.of(new SourceRecord(1, file)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replaceAll("Source: REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ", "");
    }
}
