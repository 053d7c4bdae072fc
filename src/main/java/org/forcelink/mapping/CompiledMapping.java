package org.forcelink.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.InstantText;
import org.forcelink.canonical.RecordException;
import org.forcelink.canonical.RecordType;

/**
 * A declarative mapping compiled once (a family's base mapping, or the base with one force's override
 * merged onto it): reads a record in the source format, applies every field rule, fills the envelope
 * fields the hub owns, validates the result like every other canonical record and records each field's
 * lineage. Immutable and safe to share between threads.
 */
public final class CompiledMapping implements SourceMapper {

    /** One field rule: a source read through a transform chain into one target field. */
    record Scalar(String[] path, String pointer, List<SourceFormat.Accessor> sources, List<Transform> chain,
            String rule, boolean identity) implements Rule {}

    /** A repeating group: one element of the target array per element of the source group. */
    record Repeat(String[] path, String pointer, SourceFormat.Group group, List<Rule> children) implements Rule {}

    sealed interface Rule permits Scalar, Repeat {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String family;
    private final String id;
    private final String version;
    private final String force;
    private final RecordType recordType;
    private final SourceFormat format;
    private final List<Rule> rules;
    private final CanonicalValidator validator;
    private final String mappingName;

    CompiledMapping(String family, String id, String version, String force, RecordType recordType, SourceFormat format,
            List<Rule> rules, CanonicalValidator validator) {
        this.family = family;
        this.id = id;
        this.version = version;
        this.force = force;
        this.recordType = recordType;
        this.format = format;
        this.rules = List.copyOf(rules);
        this.validator = validator;
        this.mappingName = id + " " + version;
    }

    @Override
    public String family() {
        return family;
    }

    public String id() {
        return id;
    }

    /** The base version, with "+<force>.<override version>" when a force's override is merged in. */
    public String version() {
        return version;
    }

    /** The force whose override is merged in, or null for the family's base mapping. */
    public String force() {
        return force;
    }

    public RecordType recordType() {
        return recordType;
    }

    @Override
    public FileSplit split(byte[] file) {
        return format.split(file);
    }

    @Override
    public MappingOutcome map(SourceContext context, byte[] payload) {
        List<RecordException> exceptions = new ArrayList<>();
        List<Lineage> lineage = new ArrayList<>();
        ObjectNode record = NODES.objectNode();
        try {
            Object root = format.parse(payload, exceptions);
            for (Rule rule : rules) {
                apply(rule, root, record, "", exceptions, lineage);
            }
        } catch (Rejection rejection) {
            return rejection.outcome();
        }
        ObjectNode envelope = record.get("envelope") instanceof ObjectNode e ? e : record.putObject("envelope");
        if (!record.has(recordType.jsonName())) {
            record.putObject(recordType.jsonName());
        }
        String claimed = envelope.path("sourceForce").asText(null);
        if (claimed != null && !claimed.equals(context.force())) {
            exceptions.add(RecordException.warning("FL-FORCE-MISMATCH", "/envelope/sourceForce",
                    "the record names force '" + claimed + "' but was submitted with the credentials of '"
                            + context.force() + "'; it is attributed to '" + context.force() + "'"));
        }
        fillEnvelope(envelope, context);
        CanonicalValidator.Result result = validator.validate(record, recordType);
        if (result.rejected()) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/" + recordType.jsonName(), result.rejection());
        }
        exceptions.addAll(result.exceptions());
        // A value the validator removed no longer has lineage; neither do the fields the hub owns. The
        // compiler admits one rule per leaf field of the schema, none of them the hub's, so no rule replaces
        // a value another set: when the validator removed nothing, every other entry's field is there.
        if (result.valuesRemoved()) {
            lineage.removeIf(entry -> !present(record, entry.field()) || entry.field().equals("/envelope/sourceForce"));
        } else {
            lineage.removeIf(entry -> entry.field().equals("/envelope/sourceForce"));
        }
        try {
            CanonicalRecord canonical = RecordReader.reader().readValue(record);
            return MappingOutcome.accepted(canonical, exceptions, lineage);
        } catch (JsonProcessingException e) {
            return MappingOutcome.rejected("FL-UNPARSEABLE", "", "the mapped record could not be read: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the JSON pointer names a node of {@code root}, as {@code !root.at(pointer).isMissingNode()}
     * answers, without compiling a {@code JsonPointer} (whose parse built every tail of the path) per call.
     */
    static boolean present(JsonNode root, String pointer) {
        JsonNode node = root;
        int at = 0;
        int length = pointer.length();
        while (at < length) {
            if (pointer.charAt(at) != '/') {
                return !root.at(pointer).isMissingNode();
            }
            int end = pointer.indexOf('/', at + 1);
            if (end < 0) {
                end = length;
            }
            String segment = pointer.substring(at + 1, end);
            if (segment.indexOf('~') >= 0) {
                segment = segment.replace("~1", "/").replace("~0", "~");
            }
            if (node.isObject()) {
                node = node.get(segment);
            } else if (node.isArray()) {
                int index = index(segment);
                node = index < 0 ? null : node.get(index);
            } else {
                return false;
            }
            if (node == null) {
                return false;
            }
            at = end;
        }
        return true;
    }

    /** An array index as JSON Pointer reads one (digits, no leading zero, within int), or -1. */
    private static int index(String segment) {
        int length = segment.length();
        if (length == 0 || length > 10 || (length > 1 && segment.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private void fillEnvelope(ObjectNode envelope, SourceContext context) {
        envelope.put("messageId", context.messageId());
        envelope.put("sourceForce", context.force());
        envelope.put("sourceSystem", context.system());
        envelope.put("recordType", recordType.jsonName());
        if (!envelope.has("action")) {
            envelope.put("action", "insert");
        }
        envelope.put("receivedAt", InstantText.of(context.receivedAt()));
        envelope.put("schemaVersion", "1.0");
        ObjectNode mapping = envelope.putObject("mapping");
        mapping.put("id", id);
        mapping.put("version", version);
    }

    private void apply(Rule rule, Object item, ObjectNode target, String base, List<RecordException> exceptions,
            List<Lineage> lineage) {
        if (rule instanceof Scalar scalar) {
            applyScalar(scalar, item, target, base, exceptions, lineage);
        } else if (rule instanceof Repeat repeat) {
            ArrayNode array = null;
            for (Object element : repeat.group().items(item)) {
                ObjectNode object = NODES.objectNode();
                int index = array == null ? 0 : array.size();
                String at = base + repeat.pointer() + "/" + index;
                for (Rule child : repeat.children()) {
                    apply(child, element, object, at, exceptions, lineage);
                }
                if (!object.isEmpty()) {
                    if (array == null) {
                        array = NODES.arrayNode();
                    }
                    array.add(object);
                }
            }
            if (array != null) {
                set(target, repeat.path(), array);
            }
        }
    }

    private void applyScalar(Scalar rule, Object item, ObjectNode target, String base,
            List<RecordException> exceptions, List<Lineage> lineage) {
        String field = base + rule.pointer();
        Object value;
        try {
            value = read(rule.sources(), item);
            for (Transform transform : rule.chain()) {
                value = transform.apply(value);
            }
        } catch (TransformFailure failure) {
            String message = source(rule, item) + ": " + failure.getMessage();
            if (rule.identity()) {
                throw new Rejection("FL-NO-IDENTITY", field, message + "; the field identifies the record");
            }
            exceptions.add(RecordException.warning(failure.code(), field, message + "; the value was dropped"));
            return;
        }
        if (value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty())) {
            if (rule.identity()) {
                throw new Rejection("FL-NO-IDENTITY", field, "the record has no " + field
                        + (rule.sources().isEmpty() ? "" : " (" + source(rule, item) + " is empty)")
                        + ", which identifies it");
            }
            return;
        }
        set(target, rule.path(), json(value));
        lineage.add(new Lineage(field, source(rule, item), rule.rule(), mappingName));
    }

    private static Object read(List<SourceFormat.Accessor> sources, Object item) {
        if (sources.isEmpty()) {
            return null;
        }
        if (sources.size() == 1) {
            return sources.get(0).read(item);
        }
        List<Object> values = new ArrayList<>(sources.size());
        for (SourceFormat.Accessor source : sources) {
            Object value = source.read(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values.isEmpty() ? null : values;
    }

    private static String source(Scalar rule, Object item) {
        if (rule.sources().isEmpty()) {
            return "(constant)";
        }
        if (rule.sources().size() == 1) {
            return rule.sources().get(0).source(item);
        }
        StringBuilder text = new StringBuilder();
        for (SourceFormat.Accessor source : rule.sources()) {
            text.append(text.isEmpty() ? "" : " + ").append(source.source(item));
        }
        return text.toString();
    }

    private static void set(ObjectNode target, String[] path, JsonNode value) {
        ObjectNode node = target;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(path[i]);
        }
        node.set(path[path.length - 1], value);
    }

    private static JsonNode json(Object value) {
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(element -> array.add(json(element)));
            return array;
        }
        return NODES.textNode(value.toString());
    }
}
