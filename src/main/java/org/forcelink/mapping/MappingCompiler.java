package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.RecordType;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.YamlDocument;

/**
 * Compiles a mapping file (and optionally one force's override merged onto it) into a
 * {@link CompiledMapping}. Every problem is a {@link ConfigFileException} naming the file and line where
 * the offending value was written. The format is documented field by field in mappings/README.md.
 */
public final class MappingCompiler {

    private static final Set<String> MAPPING_KEYS =
            Set.of("id", "version", "description", "recordType", "source", "zone", "tables", "fields");
    private static final Set<String> OVERRIDE_KEYS =
            Set.of("force", "version", "description", "source", "zone", "tables", "fields");
    private static final Set<String> RULE_KEYS =
            Set.of("from", "all", "transforms", "identity", "each", "fields", "description");
    /** Envelope fields the hub sets itself; a mapping may read sourceForce only to compare it. */
    private static final Set<String> HUB_OWNED = Set.of("/envelope/messageId", "/envelope/sourceSystem",
            "/envelope/recordType", "/envelope/receivedAt", "/envelope/schemaVersion", "/envelope/mapping");

    private final ReferenceLists reference;
    private final CanonicalValidator validator;
    private final CanonicalFields canonical = CanonicalFields.get();

    public MappingCompiler(ReferenceLists reference, CanonicalValidator validator) {
        this.reference = reference;
        this.validator = validator;
    }

    /** The family's base mapping from {@code mapping.yaml}. */
    public CompiledMapping compile(String family, YamlDocument base) {
        checkKeys(base, MAPPING_KEYS, "a mapping file");
        return compile(family, base, null, null);
    }

    /** The base mapping with {@code override} (overrides/<force>.yaml) merged onto it. */
    public CompiledMapping compile(String family, YamlDocument base, YamlDocument override) {
        checkKeys(base, MAPPING_KEYS, "a mapping file");
        checkKeys(override, OVERRIDE_KEYS, "an override file");
        String force = fileForce(override.file());
        JsonNode declared = override.root().get("force");
        if (declared == null || !declared.asText().equals(force)) {
            throw override.problem(declared == null ? "" : "/force",
                    "an override file says which force it is for: force: " + force);
        }
        JsonNode version = override.root().get("version");
        if (version == null || !version.isValueNode() || version.asText().isBlank()) {
            throw override.problem("", "an override file needs a version: (its own, e.g. \"1\")");
        }
        return compile(family, base.mergedWith(override), force, version.asText());
    }

    static String fileForce(Path overrideFile) {
        String name = overrideFile.getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    private static void checkKeys(YamlDocument doc, Set<String> allowed, String what) {
        if (!doc.root().isObject()) {
            throw doc.problem("", what + " is a map of keys: " + String.join(", ", allowed));
        }
        doc.root().fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw doc.problem("/" + YamlDocument.escape(key), "unknown key '" + key + "' in " + what
                        + "; allowed: " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        });
    }

    private CompiledMapping compile(String family, YamlDocument doc, String force, String overrideVersion) {
        JsonNode root = doc.root();
        String id = text(doc, "/id", "the mapping's id, e.g. id: " + family);
        String version = text(doc, "/version", "the mapping's version, e.g. version: \"1\"");
        String recordTypeName = text(doc, "/recordType", "the record type it produces: nominal, custody, crime,"
                + " caseFile or intelligence");
        RecordType recordType = RecordType.fromJson(recordTypeName).orElseThrow(() -> doc.problem("/recordType",
                "unknown record type '" + recordTypeName + "'; one of nominal, custody, crime, caseFile, intelligence"));
        ZoneId zone = zone(doc);
        SourceFormat format = format(doc);
        Transforms transforms = new Transforms(doc, reference, Transforms.tables(root.get("tables"), doc), zone);
        JsonNode fields = root.get("fields");
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            throw doc.problem("/fields", "a mapping needs fields: (target pointer: rule)");
        }
        List<CompiledMapping.Rule> rules = new ArrayList<>();
        boolean hasIdentity = false;
        var entries = fields.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            String target = entry.getKey();
            String at = "/fields/" + YamlDocument.escape(target);
            if (entry.getValue().isNull()) {
                continue;
            }
            List<String> segments = absoluteTarget(doc, target, at, recordType);
            CanonicalFields.Node node = canonical.at(canonical.root(), segments);
            if (node == null) {
                throw doc.problem(at, "'" + target + "' is not a field of the canonical " + recordType.jsonName()
                        + " record" + hint(segments));
            }
            CompiledMapping.Rule rule = rule(doc, format, transforms, entry.getValue(), at, segments, target, node,
                    true, force, overrideVersion != null);
            hasIdentity |= rule instanceof CompiledMapping.Scalar scalar && scalar.identity();
            rules.add(rule);
        }
        if (!hasIdentity) {
            throw doc.problem("/fields", "no field is marked identity: true; a record without identity cannot be"
                    + " told apart (mark at least /envelope/sourceRecordId)");
        }
        String fullVersion = force == null ? version : version + "+" + force + "." + overrideVersion;
        return new CompiledMapping(family, id, fullVersion, force, recordType, format, rules, validator);
    }

    private String hint(List<String> segments) {
        CanonicalFields.Node parent = canonical.at(canonical.root(), segments.subList(0, segments.size() - 1));
        return parent == null ? "" : "; fields there: " + canonical.fieldsOf(parent);
    }

    private List<String> absoluteTarget(YamlDocument doc, String target, String at, RecordType type) {
        if (!target.startsWith("/") || target.length() < 2) {
            throw doc.problem(at, "a target is a JSON pointer into the canonical record, e.g. /"
                    + type.jsonName() + "/...");
        }
        List<String> segments = Arrays.asList(target.substring(1).split("/"));
        String top = segments.get(0);
        if (!top.equals("envelope") && !top.equals(type.jsonName())) {
            throw doc.problem(at, "a " + type.jsonName() + " mapping sets fields under /envelope or /"
                    + type.jsonName() + ", not /" + top);
        }
        for (String owned : HUB_OWNED) {
            if (target.equals(owned) || target.startsWith(owned + "/")) {
                throw doc.problem(at, target + " is set by the hub, not by a mapping");
            }
        }
        return segments;
    }

    private CompiledMapping.Rule rule(YamlDocument doc, SourceFormat format, Transforms transforms, JsonNode node,
            String at, List<String> segments, String pointer, CanonicalFields.Node target, boolean topLevel,
            String force, boolean merged) {
        if (!node.isObject()) {
            throw doc.problem(at, "a field rule is a map: from:, transforms:, identity: (or each: and fields:)");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                throw doc.problem(at + "/" + YamlDocument.escape(key), "unknown key '" + key + "' in a field rule;"
                        + " allowed: " + RULE_KEYS.stream().sorted().collect(Collectors.joining(", ")));
            }
        });
        CanonicalFields.Kind kind = canonical.kind(target);
        String[] path = segments.toArray(String[]::new);
        if (node.has("each")) {
            if (kind != CanonicalFields.Kind.ARRAY_OF_OBJECTS) {
                throw doc.problem(at + "/each", pointer + " is not a list of objects, so it cannot take a repeating group");
            }
            JsonNode children = node.get("fields");
            if (children == null || !children.isObject() || children.isEmpty()) {
                throw doc.problem(at, "a repeating group needs fields: (pointer within one element: rule)");
            }
            SourceFormat.Group group = format.group(node.get("each"), at + "/each");
            CanonicalFields.Node element = canonical.items(target);
            List<CompiledMapping.Rule> rules = new ArrayList<>();
            children.fields().forEachRemaining(child -> {
                String relative = child.getKey().startsWith("/") ? child.getKey().substring(1) : child.getKey();
                String childAt = at + "/fields/" + YamlDocument.escape(child.getKey());
                if (child.getValue().isNull()) {
                    return;
                }
                List<String> childSegments = Arrays.asList(relative.split("/"));
                CanonicalFields.Node childNode = canonical.at(element, childSegments);
                if (relative.isEmpty() || childNode == null) {
                    throw doc.problem(childAt, "'" + child.getKey() + "' is not a field of an element of " + pointer
                            + "; fields there: " + canonical.fieldsOf(element));
                }
                rules.add(rule(doc, format, transforms, child.getValue(), childAt, childSegments, "/" + relative,
                        childNode, false, force, merged));
            });
            return new CompiledMapping.Repeat(path, pointer, group, rules);
        }
        if (kind == CanonicalFields.Kind.OBJECT || kind == CanonicalFields.Kind.ARRAY_OF_OBJECTS) {
            throw doc.problem(at, pointer + " is " + (kind == CanonicalFields.Kind.OBJECT ? "an object" : "a list of objects")
                    + "; map its fields (" + canonical.fieldsOf(target) + ")"
                    + (kind == CanonicalFields.Kind.ARRAY_OF_OBJECTS ? " with each: and fields:" : ""));
        }
        boolean all = node.path("all").asBoolean(false);
        List<SourceFormat.Accessor> sources = new ArrayList<>();
        JsonNode from = node.get("from");
        if (from != null) {
            if (from.isArray() && !isSpan(from)) {
                for (int i = 0; i < from.size(); i++) {
                    sources.add(format.accessor(from.get(i), at + "/from/" + i, all));
                }
            } else {
                sources.add(format.accessor(from, at + "/from", all));
            }
        }
        List<Transform> chain = transforms.chain(node.get("transforms"), at + "/transforms");
        if (sources.isEmpty() && (chain.isEmpty() || !chain.get(0).describe().startsWith("constant("))) {
            throw doc.problem(at, "a field rule needs from: (the source field) or a constant transform");
        }
        boolean identity = node.path("identity").asBoolean(false);
        if (identity && !topLevel) {
            throw doc.problem(at + "/identity", "a field inside a repeating group cannot identify the record");
        }
        String rule = chain.isEmpty() ? "as read"
                : chain.stream().map(Transform::describe).collect(Collectors.joining(" | "));
        if (merged && fromOverride(doc, at)) {
            rule = rule + " (override " + force + ")";
        }
        return new CompiledMapping.Scalar(path, pointer, List.copyOf(sources), List.copyOf(chain), rule, identity);
    }

    /** A fixed-width {@code [start, length]} is one source field, not a list of two. */
    private static boolean isSpan(JsonNode from) {
        return from.size() == 2 && from.get(0).isIntegralNumber() && from.get(1).isIntegralNumber();
    }

    private static boolean fromOverride(YamlDocument doc, String at) {
        return doc.writtenElsewhere(at);
    }

    private static String text(YamlDocument doc, String pointer, String what) {
        JsonNode node = doc.root().at(pointer);
        if (node.isMissingNode() || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
            throw doc.problem(pointer.substring(0, pointer.lastIndexOf('/')), "missing " + pointer.substring(1)
                    + ": " + what);
        }
        return node.asText();
    }

    private static ZoneId zone(YamlDocument doc) {
        JsonNode zone = doc.root().get("zone");
        if (zone == null) {
            return Transforms.LONDON;
        }
        try {
            return ZoneId.of(zone.asText());
        } catch (DateTimeException e) {
            throw doc.problem("/zone", "unknown time zone '" + zone.asText() + "', e.g. Europe/London");
        }
    }

    private static SourceFormat format(YamlDocument doc) {
        JsonNode source = doc.root().get("source");
        if (source == null || !source.isObject()) {
            throw doc.problem("", "a mapping needs source: with format: (fixed-width, csv, xml or json)");
        }
        String format = source.path("format").asText("");
        return switch (format) {
            case "fixed-width" -> new FixedWidthFormat(doc, source, charset(doc, source, "windows-1252"));
            case "csv" -> new CsvFormat(doc, source, charset(doc, source, "windows-1252"));
            case "xml" -> new XmlFormat(doc, source);
            case "json" -> {
                if (source.has("encoding") && !source.get("encoding").asText().equalsIgnoreCase("UTF-8")) {
                    throw doc.problem("/source/encoding", "JSON sources are UTF-8 only");
                }
                yield new JsonFormat(doc, source);
            }
            default -> throw doc.problem("/source/format", "format must be fixed-width, csv, xml or json"
                    + (format.isEmpty() ? "" : ", not '" + format + "'"));
        };
    }

    private static Charset charset(YamlDocument doc, JsonNode source, String fallback) {
        String name = source.path("encoding").asText(fallback);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw doc.problem("/source/encoding", "unknown encoding '" + name + "', e.g. windows-1252 or UTF-8");
        }
    }
}
