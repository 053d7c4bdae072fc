package org.forcelink.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forcelink.reference.ReferenceData;

/**
 * Checks a canonical record against the v1 JSON Schemas, the reference code lists and the completeness
 * rules, turning every finding into a {@link RecordException}. Values that break the schema are removed
 * (the record keeps flowing without them); a missing identity is the only finding that rejects.
 */
public final class CanonicalValidator {

    /** Schema keywords whose failure makes the value itself unusable, so the value is removed. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("format", "pattern", "type", "enum", "const",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
            "additionalProperties", "minItems", "maxItems", "uniqueItems");

    private final Map<RecordType, JsonSchema> bodySchemas = new EnumMap<>(RecordType.class);
    private final JsonSchema envelopeSchema;
    private final ReferenceData reference;
    private final CompletenessRules completeness;

    public CanonicalValidator(ReferenceData reference, CompletenessRules completeness) {
        this.reference = reference;
        this.completeness = completeness;
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012()).format(new IsoDateFormat()).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(metaSchema)
                        .schemaMappers(m -> m.mapPrefix("urn:forcelink:canonical:v1:", "classpath:canonical/v1/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        this.envelopeSchema = factory.getSchema(SchemaLocation.of("classpath:canonical/v1/envelope.schema.json"), config);
        for (RecordType type : RecordType.values()) {
            bodySchemas.put(type, factory.getSchema(
                    SchemaLocation.of("classpath:canonical/v1/" + schemaFile(type)), config));
        }
    }

    private static String schemaFile(RecordType type) {
        return switch (type) {
            case NOMINAL -> "nominal.schema.json";
            case CUSTODY -> "custody.schema.json";
            case CRIME -> "crime.schema.json";
            case CASE_FILE -> "case-file.schema.json";
            case INTELLIGENCE -> "intelligence.schema.json";
        };
    }

    /**
     * What validation found: the exceptions, the reason to reject when identity is missing, and whether
     * any value was removed from the record.
     */
    public record Result(List<RecordException> exceptions, String rejection, boolean valuesRemoved) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    /**
     * Validates {@code record} (a whole canonical record with envelope and one body) in place: invalid
     * values are removed from it. {@code bodyField} is the JSON name of the body ("custody", ...).
     */
    public Result validate(ObjectNode record, RecordType type) {
        List<RecordException> exceptions = new ArrayList<>();
        List<String> prune = new ArrayList<>();
        String bodyField = type.jsonName();
        collect(envelopeSchema.validate(record.path("envelope")), "/envelope", exceptions, prune);
        JsonNode body = record.path(bodyField);
        for (ValidationMessage message : bodySchemas.get(type).validate(body)) {
            if ("required".equals(message.getType())
                    && message.getInstanceLocation().getNameCount() == 0) {
                String field = message.getProperty();
                return new Result(exceptions, "the " + bodyField + " record has no " + field
                        + ", which identifies it", false);
            }
            collect(Set.of(message), "/" + bodyField, exceptions, prune);
        }
        prune.sort(Comparator.comparing(PointerOrder::new).reversed());
        prune.forEach(pointer -> remove(record, pointer));
        checkCodes(record, Pointer.ROOT, exceptions);
        exceptions.addAll(completeness.check(type, record));
        return new Result(List.copyOf(exceptions), null, !prune.isEmpty());
    }

    private static void collect(Set<ValidationMessage> messages, String prefix, List<RecordException> exceptions,
            List<String> prune) {
        for (ValidationMessage message : messages) {
            String at = prefix + message.getInstanceLocation().toString();
            String keyword = message.getType();
            if ("required".equals(keyword) || "additionalProperties".equals(keyword)) {
                at = at + "/" + message.getProperty();
            }
            boolean removed = VALUE_KEYWORDS.contains(keyword);
            if (removed) {
                prune.add(at);
            }
            exceptions.add(RecordException.warning("required".equals(keyword) ? "FL-MISSING" : "FL-SCHEMA", at,
                    describe(message) + (removed ? "; the value was removed" : "")));
        }
    }

    /** The validator's message without the instance location it starts with (that is already in path). */
    private static String describe(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return text;
    }

    /**
     * A JSON pointer built only when a finding needs it: the walk below visits every field of the record
     * and most have nothing to report, so their pointers are never made into strings.
     */
    private record Pointer(Pointer parent, String name, int index) {
        static final Pointer ROOT = new Pointer(null, null, -1);

        Pointer field(String field) {
            return new Pointer(this, field, -1);
        }

        Pointer element(int element) {
            return new Pointer(this, null, element);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            return parent + "/" + (name != null ? escape(name) : Integer.toString(index));
        }
    }

    private void checkCodes(JsonNode node, Pointer path, List<RecordException> exceptions) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "sex" -> {
                        if (value.isTextual() && !reference.isSexCode(value.asText())) {
                            exceptions.add(unknownCode(path.field(field.getKey()).toString(), value.asText(),
                                    "CJS sex code"));
                        }
                    }
                    case "officerDefined" -> {
                        if (value.isTextual() && !reference.isOfficerDefinedEthnicity(value.asText())) {
                            exceptions.add(unknownCode(path.field(field.getKey()).toString(), value.asText(),
                                    "officer-defined ethnicity code"));
                        }
                    }
                    case "selfDefined" -> {
                        if (value.isTextual() && !reference.isSelfDefinedEthnicity(value.asText())) {
                            exceptions.add(unknownCode(path.field(field.getKey()).toString(), value.asText(),
                                    "self-defined ethnicity code"));
                        }
                    }
                    case "toForce", "sourceForce" -> {
                        if (value.isTextual() && reference.force(value.asText()).isEmpty()) {
                            exceptions.add(unknownCode(path.field(field.getKey()).toString(), value.asText(),
                                    "force code"));
                        }
                    }
                    default -> {
                        if (value.isContainerNode()) {
                            checkCodes(value, path.field(field.getKey()), exceptions);
                        }
                    }
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkCodes(node.get(i), path.element(i), exceptions);
            }
        }
    }

    private static RecordException unknownCode(String path, String code, String list) {
        return RecordException.warning("FL-CODE-UNKNOWN", path,
                "unknown " + list + " '" + code + "'; the value was kept as sent");
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static void remove(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && last.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(last);
            if (index < array.size()) {
                array.remove(index);
            }
        }
    }

    /** Orders JSON pointers so that removing in reverse order never shifts an array index still to remove. */
    private record PointerOrder(String pointer) implements Comparable<PointerOrder> {
        @Override
        public int compareTo(PointerOrder other) {
            String[] a = pointer.split("/");
            String[] b = other.pointer.split("/");
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                int c = a[i].matches("\\d+") && b[i].matches("\\d+")
                        ? Integer.compare(Integer.parseInt(a[i]), Integer.parseInt(b[i]))
                        : a[i].compareTo(b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.length, b.length);
        }
    }
}
