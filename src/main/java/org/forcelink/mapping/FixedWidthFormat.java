package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.YamlDocument;

/**
 * Fixed-width text, one record per line: fields at 1-based character positions {@code [start, length]},
 * optionally named in a {@code layout:}; repeating groups are consecutive slots of equal length. Lines
 * shorter than {@code minLength} are truncated records (rejected); lines between {@code minLength} and
 * {@code recordLength} are padded, because file transfer often strips trailing spaces.
 */
final class FixedWidthFormat implements SourceFormat {

    /** One line, or one slot of a repeating group starting at {@code offset} (0-based) in the line. */
    record Item(String text, int offset) {}

    private final YamlDocument doc;
    private final Charset charset;
    private final int recordLength;
    private final int minLength;
    private final List<String> skipPrefixes = new ArrayList<>();
    private final Map<String, int[]> layout = new LinkedHashMap<>();

    FixedWidthFormat(YamlDocument doc, JsonNode source, Charset charset) {
        this.doc = doc;
        this.charset = charset;
        JsonNode length = source.get("recordLength");
        if (length == null || !length.canConvertToInt() || length.asInt() < 1) {
            throw doc.problem("/source", "a fixed-width source needs recordLength: (characters per record)");
        }
        this.recordLength = length.asInt();
        this.minLength = source.path("minLength").asInt(recordLength);
        if (minLength < 1 || minLength > recordLength) {
            throw doc.problem("/source/minLength", "minLength must be between 1 and recordLength " + recordLength);
        }
        source.path("skipLinesStartingWith").forEach(prefix -> skipPrefixes.add(prefix.asText()));
        source.path("layout").fields().forEachRemaining(field -> layout.put(field.getKey(),
                span(field.getValue(), "/source/layout/" + YamlDocument.escape(field.getKey()), recordLength)));
    }

    private int[] span(JsonNode node, String at, int within) {
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).canConvertToInt()
                || !node.get(1).canConvertToInt()) {
            throw doc.problem(at, "a fixed-width field is [start, length] (1-based start), or a name from layout:");
        }
        int start = node.get(0).asInt();
        int length = node.get(1).asInt();
        if (start < 1 || length < 1 || start + length - 1 > within) {
            throw doc.problem(at, "[" + start + ", " + length + "] does not fit in " + within + " characters");
        }
        return new int[] {start, length};
    }

    @Override
    public Object parse(byte[] payload, List<RecordException> warnings) {
        String line = TextCodec.decode(payload, charset);
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        line = line.substring(0, end);
        if (line.indexOf('\n') >= 0) {
            throw new Rejection("FL-NOT-A-RECORD", "", "a fixed-width record is one line; this has "
                    + (line.split("\n", -1).length) + " (send a file of many records by file drop)");
        }
        if (line.isBlank()) {
            throw new Rejection("FL-EMPTY", "", "the record is empty");
        }
        for (String prefix : skipPrefixes) {
            if (line.startsWith(prefix)) {
                throw new Rejection("FL-NOT-A-RECORD", "", "a line starting with '" + prefix
                        + "' is a header or trailer line, not a record");
            }
        }
        if (line.length() < minLength) {
            throw new Rejection("FL-TRUNCATED", "", "the line is " + line.length() + " characters; a record is "
                    + recordLength + (minLength < recordLength ? " (at least " + minLength + ")" : ""));
        }
        if (line.length() > recordLength) {
            // Padding after the record is dropped; data after it means the line is not of this layout (two
            // records run together, a line from another export, a megabyte of garbage) and is not guessed at.
            if (!line.substring(recordLength).isBlank()) {
                throw new Rejection("FL-TOO-LONG", "", "the line is " + line.length() + " characters, longer than"
                        + " the record length " + recordLength + ", with data after character " + recordLength);
            }
            line = line.substring(0, recordLength);
        }
        if (line.length() < recordLength) {
            line = line + " ".repeat(recordLength - line.length());
        }
        return new Item(line, 0);
    }

    @Override
    public Accessor accessor(JsonNode from, String at, boolean all) {
        String name = from.isTextual() ? from.asText() : null;
        int[] span;
        if (name != null) {
            span = layout.get(name);
            if (span == null) {
                throw doc.problem(at, "no field '" + name + "' in source layout:");
            }
        } else {
            span = span(from, at, recordLength);
        }
        int start = span[0] - 1;
        int length = span[1];
        String label = name == null ? "" : name + " ";
        return new Accessor() {
            @Override
            public Object read(Object item) {
                Item line = (Item) item;
                int from = Math.min(start, line.text().length());
                int to = Math.min(start + length, line.text().length());
                String value = line.text().substring(from, to);
                return value.isEmpty() ? null : value;
            }

            @Override
            public String source(Object item) {
                int first = ((Item) item).offset() + start + 1;
                return label + "cols " + first + "-" + (first + length - 1);
            }
        };
    }

    @Override
    public Group group(JsonNode each, String at) {
        if (!each.isObject() || !each.path("start").canConvertToInt() || !each.path("length").canConvertToInt()
                || !each.path("count").canConvertToInt()) {
            throw doc.problem(at, "a fixed-width repeating group is each: {start: N, length: N, count: N}");
        }
        int start = each.get("start").asInt() - 1;
        int length = each.get("length").asInt();
        int count = each.get("count").asInt();
        if (start < 0 || length < 1 || count < 1 || start + length * count > recordLength) {
            throw doc.problem(at, count + " slots of " + length + " from " + (start + 1) + " do not fit in "
                    + recordLength + " characters");
        }
        return item -> {
            Item line = (Item) item;
            List<Object> slots = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int from = line.offset() + start + i * length;
                String slot = line.text().substring(from - line.offset(), from - line.offset() + length);
                if (!slot.isBlank()) {
                    slots.add(new Item(slot, from));
                }
            }
            return slots;
        };
    }

    /** Lines are cut on bytes (a line feed is one byte in every encoding used here); blank and skipped lines are left out. */
    @Override
    public FileSplit split(byte[] file) {
        boolean bom = TextCodec.hasBom(file);
        List<SourceRecord> records = new ArrayList<>();
        int start = bom ? 3 : 0;
        int line = 1;
        for (int i = start; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                byte[] bytes = Arrays.copyOfRange(file, start, end);
                if (!isBlank(bytes) && !skipped(bytes)) {
                    records.add(new SourceRecord(line, TextCodec.withBom(bom, bytes)));
                }
                start = i + 1;
                line++;
            }
        }
        return records.isEmpty() ? FileSplit.rejected("the file holds no record") : FileSplit.of(records);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private boolean skipped(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
        return skipPrefixes.stream().anyMatch(start::startsWith);
    }
}
