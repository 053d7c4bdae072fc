package org.forcelink.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.InstantText;
import org.forcelink.canonical.RecordException;
import org.forcelink.canonical.RecordType;

/**
 * The {@code canonical-json} family: systems that already submit canonical JSON (the hub fills the
 * envelope fields it owns and checks the rest). Mapping id and version go into every envelope.
 */
public final class CanonicalJsonMapper implements SourceMapper {

    public static final String FAMILY = "canonical-json";
    static final String MAPPING_VERSION = "1";
    private static final String MAPPING_NAME = FAMILY + " " + MAPPING_VERSION;
    private static final String AS_SENT = "as sent";
    /** Envelope fields the hub sets whatever was sent, so they have no source lineage. */
    private static final java.util.Set<String> HUB_OWNED = java.util.Set.of("messageId", "sourceForce",
            "sourceSystem", "receivedAt", "schemaVersion", "mapping");

    private final CanonicalValidator validator;

    public CanonicalJsonMapper(CanonicalValidator validator) {
        this.validator = validator;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public MappingOutcome map(SourceContext context, byte[] payload) {
        if (payload.length == 0) {
            return MappingOutcome.rejected("FL-EMPTY", "", "the body is empty");
        }
        if (!isUtf8(payload)) {
            return MappingOutcome.rejected("FL-ENCODING", "", "the body is not valid UTF-8");
        }
        JsonNode tree;
        try {
            tree = CanonicalJson.untrusted().readTree(payload);
        } catch (StreamConstraintsException e) {
            return MappingOutcome.rejected("FL-LIMIT", "", "the body exceeds a limit: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            return MappingOutcome.rejected("FL-UNPARSEABLE", "", "the body is not valid JSON: "
                    + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (!(tree instanceof ObjectNode record)) {
            return MappingOutcome.rejected("FL-NOT-A-RECORD", "", "expected one record (a JSON object), found "
                    + tree.getNodeType().name().toLowerCase());
        }
        List<RecordException> exceptions = new ArrayList<>();
        JsonNode envelopeNode = record.path("envelope");
        if (!(envelopeNode instanceof ObjectNode envelope)) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/envelope", "the record has no envelope object");
        }
        Optional<RecordType> type = RecordType.fromJson(envelope.path("recordType").asText(null));
        if (type.isEmpty()) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/envelope/recordType",
                    "recordType must be one of nominal, custody, crime, caseFile, intelligence");
        }
        if (!envelope.path("sourceRecordId").isTextual() || envelope.path("sourceRecordId").asText().isBlank()) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/envelope/sourceRecordId",
                    "the record has no sourceRecordId");
        }
        if (!record.path(type.get().jsonName()).isObject()) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/" + type.get().jsonName(),
                    "a " + type.get().jsonName() + " record needs a '" + type.get().jsonName() + "' object");
        }
        for (RecordType other : RecordType.values()) {
            if (other != type.get() && record.has(other.jsonName())) {
                record.remove(other.jsonName());
                exceptions.add(RecordException.warning("FL-SCHEMA", "/" + other.jsonName(),
                        "a " + type.get().jsonName() + " record carries one body; '" + other.jsonName()
                                + "' was removed"));
            }
        }
        String claimedForce = envelope.path("sourceForce").asText(null);
        if (claimedForce != null && !claimedForce.equals(context.force())) {
            exceptions.add(RecordException.warning("FL-FORCE-MISMATCH", "/envelope/sourceForce",
                    "the record names force '" + claimedForce + "' but was submitted with the credentials of '"
                            + context.force() + "'; it is attributed to '" + context.force() + "'"));
        }
        List<String> sentEnvelope = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(name -> {
            if (!HUB_OWNED.contains(name)) {
                sentEnvelope.add(name);
            }
        });
        fillEnvelope(envelope, context);
        CanonicalValidator.Result result = validator.validate(record, type.get());
        if (result.rejected()) {
            return MappingOutcome.rejected("FL-NO-IDENTITY", "/" + type.get().jsonName(), result.rejection());
        }
        exceptions.addAll(result.exceptions());
        try {
            CanonicalRecord canonical = CanonicalJson.mapper().treeToValue(record, CanonicalRecord.class);
            return MappingOutcome.accepted(canonical, exceptions, lineage(record, type.get(), sentEnvelope));
        } catch (MismatchedInputException e) {
            return MappingOutcome.rejected("FL-UNPARSEABLE", pointer(e),
                    "the value at " + pointer(e) + " cannot be read as the type its schema gives");
        } catch (JsonProcessingException e) {
            return MappingOutcome.rejected("FL-UNPARSEABLE", "", "the record cannot be read as a canonical record");
        }
    }

    /** A file of canonical records is JSON Lines: one record per line, blank lines ignored. */
    @Override
    public FileSplit split(byte[] file) {
        List<SourceRecord> records = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                byte[] record = java.util.Arrays.copyOfRange(file, start, end);
                if (!new String(record, StandardCharsets.UTF_8).isBlank()) {
                    records.add(new SourceRecord(line, record));
                }
                start = i + 1;
                line++;
            }
        }
        return records.isEmpty() ? FileSplit.rejected("the file holds no record") : FileSplit.of(records);
    }

    /**
     * Identity lineage: every field the sender set (and validation kept) came from the same pointer of
     * what was sent. Arrays of values are one field; arrays of objects are followed element by element.
     */
    private static List<Lineage> lineage(ObjectNode record, RecordType type, List<String> sentEnvelope) {
        List<Lineage> lineage = new ArrayList<>();
        JsonNode envelope = record.path("envelope");
        for (String name : sentEnvelope) {
            if (envelope.has(name)) {
                String field = "/envelope/" + name;
                lineage.add(new Lineage(field, field, AS_SENT, MAPPING_NAME));
            }
        }
        collect(record.path(type.jsonName()), "/" + type.jsonName(), lineage);
        return lineage;
    }

    private static void collect(JsonNode node, String pointer, List<Lineage> lineage) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(field.getValue(),
                    pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), lineage));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, lineage);
            }
        } else {
            lineage.add(new Lineage(pointer, pointer, AS_SENT, MAPPING_NAME));
        }
    }

    private static void fillEnvelope(ObjectNode envelope, SourceContext context) {
        envelope.put("messageId", context.messageId());
        envelope.put("sourceForce", context.force());
        envelope.put("sourceSystem", context.system());
        envelope.put("receivedAt", InstantText.of(context.receivedAt()));
        envelope.put("schemaVersion", "1.0");
        if (!envelope.has("action")) {
            envelope.put("action", "insert");
        }
        ObjectNode mapping = envelope.putObject("mapping");
        mapping.put("id", FAMILY);
        mapping.put("version", MAPPING_VERSION);
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String pointer(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()));
        return path.toString();
    }

    /** The parser's message on one line, without the note that the source is not quoted. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replaceAll("Source: REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ", "");
    }
}
