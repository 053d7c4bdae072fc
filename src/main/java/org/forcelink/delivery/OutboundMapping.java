package org.forcelink.delivery;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.reference.ReferenceData;
import org.forcelink.routing.RecordFilter;

/**
 * One recipient format, read from {@code mappings/<format>/outbound.yaml}: a template of the document
 * the recipient gets, filled from a canonical record that has already been cut down to the recipient's
 * allowed fields. The template language (documented in docs/recipients.md):
 *
 * <ul>
 *   <li>{@code "{/path | fn:arg}"}: the value at a JSON pointer relative to the current node ({@code #/}
 *       from the record root, {@code .} the node itself), through functions {@code code:<table>},
 *       {@code force:<field>}, {@code date}, {@code text}; absent values leave their key out;</li>
 *   <li>a mapping: an object (JSON) or child elements (XML; {@code @name} keys are attributes and
 *       {@code $text} the element's text); one with nothing in it is left out;</li>
 *   <li>{@code $each: /path} with {@code $item:} (and optionally {@code $where:}, a subscription filter
 *       on each item): an array (JSON) or the element repeated (XML);</li>
 *   <li>{@code $with: /path}: the rest of the mapping with that node as the current one;</li>
 *   <li>{@code $use: name}: the fragment of that name under {@code templates:}, in place (a person
 *       block written once and used for detainee, suspects and victims).</li>
 * </ul>
 *
 * Output {@code json} and {@code xml} render one document per record; {@code csv-counts} renders rows
 * that a batch writer counts by their columns ({@link #csv}).
 */
public final class OutboundMapping {

    /** The marker file naming an outbound mapping folder (inbound mappings use their own files). */
    public static final String FILE = "outbound.yaml";

    public enum Output { JSON, XML, CSV_COUNTS }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FORCE_FIELDS = List.of("name", "pncForceCode", "onsPfaCode", "onsPfaName",
            "region");

    private final String id;
    private final String version;
    private final Output output;
    private final String contentType;
    private final String extension;
    private final String namespace;
    private final String schema;
    private final List<String> columns;
    private final String countColumn;
    private final Map<String, Map<String, String>> codes;
    private final JsonNode template;
    private final ReferenceData reference;
    /** The template's expressions and $each/$with paths by their text, parsed once by {@link #check()}. */
    private final Map<String, Expression> expressions = new HashMap<>();
    /** The template's $where filters by the $each node that holds them, parsed once by {@link #check()}. */
    private final Map<JsonNode, RecordFilter> filters = new IdentityHashMap<>();

    private OutboundMapping(String id, JsonNode config, ReferenceData reference) {
        this.id = id;
        this.reference = reference;
        this.version = config.path("version").asText("1");
        this.output = switch (config.path("output").asText("")) {
            case "json" -> Output.JSON;
            case "xml" -> Output.XML;
            case "csv-counts" -> Output.CSV_COUNTS;
            default -> throw new IllegalArgumentException("output must be json, xml or csv-counts");
        };
        this.contentType = config.path("contentType").asText(switch (output) {
            case JSON -> "application/json";
            case XML -> "application/xml";
            case CSV_COUNTS -> "text/csv";
        });
        this.extension = config.path("extension").asText(switch (output) {
            case JSON -> "json";
            case XML -> "xml";
            case CSV_COUNTS -> "csv";
        });
        this.namespace = config.path("namespace").asText(null);
        this.schema = config.path("schema").asText(null);
        List<String> cols = new ArrayList<>();
        config.path("columns").forEach(column -> cols.add(column.asText()));
        this.columns = List.copyOf(cols);
        this.countColumn = config.path("countColumn").asText("count");
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        config.path("codes").fields().forEachRemaining(table -> {
            Map<String, String> entries = new LinkedHashMap<>();
            table.getValue().fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
            tables.put(table.getKey(), Map.copyOf(entries));
        });
        this.codes = Map.copyOf(tables);
        if (config.get("template") == null) {
            throw new IllegalArgumentException("template is required");
        }
        Map<String, JsonNode> fragments = new LinkedHashMap<>();
        config.path("templates").fields().forEachRemaining(e -> fragments.put(e.getKey(), e.getValue()));
        this.template = expand(config.get("template"), fragments, new java.util.ArrayDeque<>());
        check();
    }

    /** Reads {@code folder/outbound.yaml}; the folder's name is the mapping id. */
    public static OutboundMapping load(Path folder, ReferenceData reference) {
        Path file = folder.resolve(FILE);
        try {
            return new OutboundMapping(folder.getFileName().toString(), YAML.readTree(file.toFile()), reference);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read outbound mapping " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Output output() {
        return output;
    }

    /** The schema file of the output (XSD, JSON Schema or CSV header), relative to the mapping folder. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public List<String> columns() {
        return columns;
    }

    /** Renders one (already minimised) canonical record. For csv-counts, the body is the JSON array of its rows. */
    public Rendered render(JsonNode record) {
        Context context = new Context(record, record);
        return switch (output) {
            case JSON -> {
                JsonNode document = json(template, context);
                yield Rendered.text(write(document == null ? NODES.objectNode() : document), contentType, extension);
            }
            case XML -> Rendered.text(xml(context), contentType, extension);
            case CSV_COUNTS -> {
                JsonNode rows = json(template, context);
                yield Rendered.text(write(rows == null ? NODES.arrayNode() : rows), "application/json", "json");
            }
        };
    }

    /** The rows a csv-counts mapping renders for one record. */
    public List<JsonNode> rows(JsonNode record) {
        JsonNode rows = json(template, new Context(record, record));
        List<JsonNode> list = new ArrayList<>();
        if (rows != null) {
            rows.forEach(list::add);
        }
        return list;
    }

    /**
     * The CSV file of a csv-counts mapping: a header of its columns and the count column, then one line
     * per distinct combination of column values among {@code rows}, in sorted order, with how many rows had it.
     */
    public String csv(List<JsonNode> rows) {
        Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (JsonNode row : rows) {
            List<String> key = columns.stream().map(column -> row.path(column).asText("")).toList();
            counts.merge(key, 1, Integer::sum);
        }
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(columns);
        header.add(countColumn);
        csv.append(csvLine(header));
        counts.forEach((key, count) -> {
            List<String> line = new ArrayList<>(key);
            line.add(String.valueOf(count));
            csv.append(csvLine(line));
        });
        return csv.toString();
    }

    /**
     * One CSV line. A value a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a
     * carriage return) is written with a leading apostrophe, so a file opened in a spreadsheet shows the
     * text and never runs it, whatever a force system put in a field bound for a CSV output.
     */
    static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
                value = "'" + value;
            }
            if (i > 0) {
                line.append(',');
            }
            if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString();
    }

    // ---- rendering -------------------------------------------------------------------------------

    /** Where expressions are evaluated: the record root ({@code #/}) and the current node. */
    private record Context(JsonNode root, JsonNode current) {
        Context at(JsonNode node) {
            return new Context(root, node);
        }
    }

    private JsonNode json(JsonNode node, Context context) {
        if (node.isTextual() && Expression.isExpression(node.asText())) {
            JsonNode value = expression(node.asText()).evaluate(context, this::apply);
            return value == null ? null : value.deepCopy();
        }
        if (node.isValueNode()) {
            return node.deepCopy();
        }
        if (node.has("$each")) {
            JsonNode items = source(node.get("$each").asText(), context);
            if (items == null || !items.isArray()) {
                return null;
            }
            RecordFilter where = filters.get(node);
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : items) {
                if (where.test(item)) {
                    JsonNode rendered = json(node.get("$item"), context.at(item));
                    if (rendered != null) {
                        out.add(rendered);
                    }
                }
            }
            return out;
        }
        Context inner = context;
        if (node.has("$with")) {
            JsonNode with = source(node.get("$with").asText(), context);
            if (with == null) {
                return null;
            }
            inner = context.at(with);
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("$")) {
                continue;
            }
            JsonNode rendered = json(field.getValue(), inner);
            if (rendered != null) {
                out.set(field.getKey(), rendered);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** An XML element as rendered: attributes and either text or children. */
    private record Element(String name, List<String[]> attributes, String text, List<Element> children) {}

    private String xml(Context context) {
        if (!template.isObject() || template.size() != 1) {
            throw new IllegalStateException("an xml template has exactly one root element");
        }
        Map.Entry<String, JsonNode> root = template.fields().next();
        List<Element> elements = elements(root.getKey(), root.getValue(), context);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Element document = elements.isEmpty() ? new Element(root.getKey(), List.of(), null, List.of()) : elements.get(0);
        List<String[]> attributes = new ArrayList<>();
        if (namespace != null) {
            attributes.add(new String[] {"xmlns", namespace});
        }
        attributes.addAll(document.attributes());
        write(new Element(document.name(), attributes, document.text(), document.children()), 0, xml);
        return xml.toString();
    }

    private List<Element> elements(String name, JsonNode node, Context context) {
        if (node.isTextual() && Expression.isExpression(node.asText())) {
            JsonNode value = expression(node.asText()).evaluate(context, this::apply);
            if (value == null) {
                return List.of();
            }
            if (value.isArray()) {
                List<Element> repeated = new ArrayList<>();
                value.forEach(item -> {
                    if (item.isValueNode() && !item.isNull()) {
                        repeated.add(new Element(name, List.of(), item.asText(), List.of()));
                    }
                });
                return repeated;
            }
            if (value.isObject()) {
                throw new IllegalStateException("<" + name + "> " + node.asText() + " is an object; map its fields");
            }
            return List.of(new Element(name, List.of(), value.asText(), List.of()));
        }
        if (node.isValueNode()) {
            return List.of(new Element(name, List.of(), node.asText(), List.of()));
        }
        if (node.has("$each")) {
            JsonNode items = source(node.get("$each").asText(), context);
            if (items == null || !items.isArray()) {
                return List.of();
            }
            RecordFilter where = filters.get(node);
            List<Element> repeated = new ArrayList<>();
            for (JsonNode item : items) {
                if (where.test(item)) {
                    repeated.addAll(elements(name, node.get("$item"), context.at(item)));
                }
            }
            return repeated;
        }
        Context inner = context;
        if (node.has("$with")) {
            JsonNode with = source(node.get("$with").asText(), context);
            if (with == null) {
                return List.of();
            }
            inner = context.at(with);
        }
        List<String[]> attributes = new ArrayList<>();
        List<Element> children = new ArrayList<>();
        String text = null;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("$text")) {
                text = scalar(field.getValue(), inner);
            } else if (key.startsWith("@")) {
                String value = scalar(field.getValue(), inner);
                if (value != null) {
                    attributes.add(new String[] {key.substring(1), value});
                }
            } else if (!key.startsWith("$")) {
                children.addAll(elements(key, field.getValue(), inner));
            }
        }
        if (attributes.isEmpty() && children.isEmpty() && text == null) {
            return List.of();
        }
        return List.of(new Element(name, attributes, text, children));
    }

    private String scalar(JsonNode node, Context context) {
        if (node.isTextual() && Expression.isExpression(node.asText())) {
            JsonNode value = expression(node.asText()).evaluate(context, this::apply);
            return value == null || value.isContainerNode() ? null : value.asText();
        }
        return node.asText();
    }

    private static void write(Element element, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        out.append(indent).append('<').append(element.name());
        for (String[] attribute : element.attributes()) {
            out.append(' ').append(attribute[0]).append("=\"").append(escape(attribute[1], true)).append('"');
        }
        if (element.children().isEmpty()) {
            if (element.text() == null) {
                out.append("/>\n");
            } else {
                out.append('>').append(escape(element.text(), false)).append("</").append(element.name()).append(">\n");
            }
            return;
        }
        out.append(">\n");
        for (Element child : element.children()) {
            write(child, depth + 1, out);
        }
        out.append(indent).append("</").append(element.name()).append(">\n");
    }

    /** XML-escapes text; characters XML 1.0 cannot carry at all become U+FFFD rather than breaking the document. */
    static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }

    private JsonNode source(String path, Context context) {
        return expression("{" + path + "}").evaluate(context, (fn, value) -> value);
    }

    /** The expression of this text, as {@link #check()} parsed it when the mapping was loaded. */
    private Expression expression(String text) {
        Expression expression = expressions.get(text);
        if (expression == null) {
            throw new IllegalStateException("expression " + text + " was not parsed at load");
        }
        return expression;
    }

    // ---- expressions -----------------------------------------------------------------------------

    /**
     * {@code {path | fn:arg | fn}}: a pointer and the functions its value goes through; {@code pointer} is
     * the compiled path ({@code null} for {@code .} and {@code #}), {@code fromRoot} whether it starts at {@code #/}.
     */
    private record Expression(String path, JsonPointer pointer, boolean fromRoot, List<String[]> functions) {

        static boolean isExpression(String text) {
            return text.length() > 2 && text.startsWith("{") && text.endsWith("}");
        }

        static Expression parse(String text) {
            String[] parts = text.substring(1, text.length() - 1).split("\\|");
            String path = parts[0].trim();
            if (!(path.equals(".") || path.equals("#") || path.startsWith("/") || path.startsWith("#/"))) {
                throw new IllegalArgumentException("'" + text + "': a path starts with /, #/ or is .");
            }
            List<String[]> functions = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String[] fn = parts[i].trim().split(":", 2);
                functions.add(new String[] {fn[0].trim(), fn.length > 1 ? fn[1].trim() : null});
            }
            boolean fromRoot = path.startsWith("#/");
            JsonPointer pointer = path.equals(".") || path.equals("#") ? null
                    : JsonPointer.compile(fromRoot ? path.substring(1) : path);
            return new Expression(path, pointer, fromRoot, List.copyOf(functions));
        }

        JsonNode evaluate(Context context, java.util.function.BiFunction<String[], JsonNode, JsonNode> apply) {
            JsonNode value;
            if (path.equals(".")) {
                value = context.current();
            } else if (path.equals("#")) {
                value = context.root();
            } else {
                value = (fromRoot ? context.root() : context.current()).at(pointer);
            }
            for (String[] function : functions) {
                if (value == null || value.isMissingNode() || value.isNull()) {
                    return null;
                }
                value = apply.apply(function, value);
            }
            return value == null || value.isMissingNode() || value.isNull() ? null : value;
        }
    }

    private JsonNode apply(String[] function, JsonNode value) {
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(item -> {
                JsonNode mapped = apply(function, item);
                if (mapped != null) {
                    out.add(mapped);
                }
            });
            return out;
        }
        String text = value.asText();
        return switch (function[0]) {
            case "text" -> TextNode.valueOf(text);
            case "code" -> {
                Map<String, String> table = codes.get(function[1]);
                String mapped = table.containsKey(text) ? table.get(text) : table.get("*");
                yield TextNode.valueOf(mapped != null ? mapped : text);
            }
            case "force" -> reference.force(text).map(forceField(function[1])).map(v -> (JsonNode) TextNode.valueOf(v))
                    .orElse(null);
            case "date" -> {
                try {
                    yield TextNode.valueOf(Instant.parse(text).atZone(ZoneOffset.UTC).toLocalDate().toString());
                } catch (DateTimeParseException notAnInstant) {
                    try {
                        yield TextNode.valueOf(LocalDate.parse(text).toString());
                    } catch (DateTimeParseException notADate) {
                        yield null;
                    }
                }
            }
            default -> throw new IllegalStateException("unknown function " + function[0]);
        };
    }

    private static Function<ReferenceData.ForceInfo, String> forceField(String field) {
        return switch (field) {
            case "name" -> ReferenceData.ForceInfo::name;
            case "pncForceCode" -> ReferenceData.ForceInfo::pncForceCode;
            case "onsPfaCode" -> ReferenceData.ForceInfo::onsPfaCode;
            case "onsPfaName" -> ReferenceData.ForceInfo::onsPfaName;
            case "region" -> ReferenceData.ForceInfo::region;
            default -> throw new IllegalStateException("unknown force field " + field);
        };
    }

    // ---- load-time checks ------------------------------------------------------------------------

    /** The template with every {@code $use} replaced by its fragment: the node's own $-keys, the fragment, the rest. */
    private static JsonNode expand(JsonNode node, Map<String, JsonNode> fragments, java.util.Deque<String> using) {
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(expand(item, fragments, using)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = NODES.objectNode();
        node.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("$") && !field.getKey().equals("$use")) {
                out.set(field.getKey(), expand(field.getValue(), fragments, using));
            }
        });
        if (node.has("$use")) {
            String name = node.get("$use").asText();
            JsonNode fragment = fragments.get(name);
            if (fragment == null || !fragment.isObject()) {
                throw new IllegalArgumentException("$use: " + name + " is not a mapping under templates:");
            }
            if (using.contains(name)) {
                throw new IllegalArgumentException("$use: " + name + " uses itself (" + using + ")");
            }
            using.push(name);
            expand(fragment, fragments, using).fields().forEachRemaining(field -> out.set(field.getKey(), field.getValue()));
            using.pop();
        }
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().startsWith("$")) {
                out.set(field.getKey(), expand(field.getValue(), fragments, using));
            }
        });
        return out;
    }

    /** Rejects at start-up what would fail at the first record: bad expressions, unknown functions or tables. */
    private void check() {
        if (output == Output.XML && (!template.isObject() || template.size() != 1)) {
            throw new IllegalArgumentException("an xml template has exactly one root element");
        }
        if (output == Output.CSV_COUNTS) {
            if (!template.has("$each")) {
                throw new IllegalArgumentException("a csv-counts template is a $each of rows");
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a csv-counts mapping lists its columns");
            }
        }
        check(template, "template");
    }

    private void check(JsonNode node, String at) {
        if (node.isTextual()) {
            String text = node.asText();
            if (Expression.isExpression(text)) {
                for (String[] function : parseAt(text, at).functions()) {
                    checkFunction(function, at);
                }
            } else if (text.contains("{") && text.contains("}")) {
                throw new IllegalArgumentException(at + ": '" + text + "' mixes text and an expression;"
                        + " an expression is the whole value");
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("$each")) {
            parseAt("{" + node.get("$each").asText() + "}", at);
            if (!node.has("$item")) {
                throw new IllegalArgumentException(at + ": $each needs $item");
            }
            try {
                filters.put(node, RecordFilter.parse(node.get("$where")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".$where: " + e.getMessage(), e);
            }
            check(node.get("$item"), at + ".$item");
        }
        if (node.has("$with")) {
            parseAt("{" + node.get("$with").asText() + "}", at);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.startsWith("$") && !Arrays.asList("$each", "$item", "$where", "$with", "$text").contains(key)) {
                throw new IllegalArgumentException(at + ": unknown key " + key);
            }
            if ((key.startsWith("@") || key.equals("$text")) && output != Output.XML) {
                throw new IllegalArgumentException(at + ": " + key + " is for xml output only");
            }
            if (!key.equals("$each") && !key.equals("$item") && !key.equals("$where") && !key.equals("$with")) {
                check(field.getValue(), at + "." + key);
            }
        }
    }

    private Expression parseAt(String text, String at) {
        try {
            Expression expression = Expression.parse(text);
            expressions.put(text, expression);
            return expression;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private void checkFunction(String[] function, String at) {
        switch (function[0]) {
            case "text", "date" -> { }
            case "code" -> {
                if (function[1] == null || !codes.containsKey(function[1])) {
                    throw new IllegalArgumentException(at + ": code table '" + function[1] + "' is not under codes:");
                }
            }
            case "force" -> {
                if (!FORCE_FIELDS.contains(function[1])) {
                    throw new IllegalArgumentException(at + ": force:<field> takes one of " + FORCE_FIELDS);
                }
            }
            default -> throw new IllegalArgumentException(at + ": unknown function '" + function[0]
                    + "' (code, force, date, text)");
        }
    }

    private static String write(JsonNode node) {
        try {
            return CanonicalJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Every outbound mapping folder under {@code mappingsDir} (a folder holding {@value #FILE}). */
    public static List<Path> folders(Path mappingsDir) {
        try (var list = Files.list(mappingsDir)) {
            return list.filter(folder -> Files.isRegularFile(folder.resolve(FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + mappingsDir, e);
        }
    }
}
