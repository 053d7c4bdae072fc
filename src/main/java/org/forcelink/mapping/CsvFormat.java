package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.YamlDocument;

/**
 * CSV read with Jackson CSV: a record is the header line and one data line (a dropped file is cut into
 * such pairs), or one data line when the mapping names the columns itself. Fields are named by column;
 * {@code {i}} in a column name is the index of a repeating group's element ({@code OFFENCE_{i}}).
 */
final class CsvFormat implements SourceFormat {

    /** One data line with the column positions of its header. */
    record Row(String[] values, Map<String, Integer> columns) {}

    /** The record, or one element of a repeating group ({@code index} replaces {i} in column names). */
    record Item(Row row, String index) {}

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final int HEADER_CACHE = 256;

    private final YamlDocument doc;
    private final Charset charset;
    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final Map<String, Integer> fixedColumns;
    private final ObjectReader reader;
    /**
     * Header lines seen, by their text: a file's records share one header line, so it is read and its
     * columns resolved once, and then only the data line is parsed.
     */
    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    /** A header line's column positions and how many fields it has. */
    private record Header(Map<String, Integer> columns, int count) {}

    /** The header line the last record started with, and its columns. */
    private record LastHeader(String line, Header header) {}

    /** A file's records start with the same header line: it is compared with this before it is looked up. */
    private volatile LastHeader lastHeader;

    CsvFormat(YamlDocument doc, JsonNode source, Charset charset) {
        this.doc = doc;
        this.charset = charset;
        this.delimiter = oneChar(source, "delimiter", ',');
        this.quote = oneChar(source, "quote", '"');
        this.header = source.path("header").asBoolean(true);
        if (!header) {
            JsonNode columns = source.path("columns");
            if (!columns.isArray() || columns.isEmpty()) {
                throw doc.problem("/source", "a CSV source without a header line needs columns: (the column names in order)");
            }
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(c.asText()));
            this.fixedColumns = index(names.toArray(String[]::new));
        } else {
            this.fixedColumns = null;
        }
        this.reader = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()
                .withColumnSeparator(delimiter).withQuoteChar(quote).withoutEscapeChar());
    }

    private char oneChar(JsonNode source, String name, char fallback) {
        JsonNode node = source.get(name);
        if (node == null) {
            return fallback;
        }
        String text = node.asText();
        if (text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw doc.problem("/source/" + name, name + " must be one character");
        }
        return text.charAt(0);
    }

    private static Map<String, Integer> index(String[] names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.putIfAbsent(names[i].strip(), i);
        }
        return Map.copyOf(columns);
    }

    @Override
    public Object parse(byte[] payload, List<RecordException> warnings) {
        String text = TextCodec.decode(payload, charset);
        Header known = null;
        int firstEnd = -1;
        LastHeader last = lastHeader;
        if (header && last != null && startsWithLine(text, last.line())) {
            // The same first line as the last record's: the first line end a scan would find is where it ends.
            known = last.header();
            firstEnd = last.line().length();
        } else if (header) {
            firstEnd = firstLineEnd(text);
            if (firstEnd >= 0) {
                String line = text.substring(0, firstEnd);
                known = headers.get(line);
                if (known != null) {
                    lastHeader = new LastHeader(line, known);
                }
            }
        }
        List<String[]> lines = rows(known == null ? text : text.substring(firstEnd + 1));
        Map<String, Integer> columns;
        int headerCount;
        if (known != null) {
            columns = known.columns();
            headerCount = known.count();
        } else if (header) {
            if (lines.isEmpty()) {
                throw new Rejection("FL-EMPTY", "", "the record is empty");
            }
            String[] names = lines.remove(0);
            headerCount = names.length;
            columns = index(names);
            if (firstEnd >= 0 && headers.size() < HEADER_CACHE) {
                remember(text.substring(0, firstEnd), names, columns);
            }
        } else {
            columns = fixedColumns;
            headerCount = fixedColumns.size();
        }
        if (lines.isEmpty()) {
            throw new Rejection("FL-EMPTY", "", header ? "the record has a header line but no data line"
                    : "the record is empty");
        }
        if (lines.size() > 1) {
            throw new Rejection("FL-NOT-A-RECORD", "", "a CSV record is " + (header ? "a header and " : "")
                    + "one data line; this has " + lines.size() + " data lines (send a file of many records by file drop)");
        }
        String[] values = lines.get(0);
        if (values.length != headerCount) {
            throw new Rejection("FL-COLUMNS", "", "the line has " + values.length + " fields; "
                    + (header ? "the header has " : "the mapping names ") + headerCount);
        }
        return new Item(new Row(values, columns), null);
    }

    /** The text's rows that are not blank. */
    private List<String[]> rows(String text) {
        List<String[]> lines = new ArrayList<>(3);
        try (MappingIterator<String[]> rows = reader.readValues(text)) {
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                if (!isBlank(row)) {
                    lines.add(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new Rejection("FL-UNPARSEABLE", "", "the record is not valid CSV: " + firstLine(e.getMessage()));
        }
        return lines;
    }

    /** Whether {@code text} starts with {@code line} and a line feed. */
    private static boolean startsWithLine(String text, String line) {
        return text.length() > line.length() && text.charAt(line.length()) == '\n' && text.startsWith(line);
    }

    /** Where the first line ends: the first line feed outside quotes, or -1 when there is none. */
    private int firstLineEnd(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Keeps the header's columns under its line's text, when that line read alone is the header (not
     * blank, not two lines by a lone carriage return): a record starting with that line then has it as
     * its header, and the rest of the record is its data.
     */
    private void remember(String firstLine, String[] names, Map<String, Integer> columns) {
        try {
            List<String[]> alone = rows(firstLine);
            if (alone.size() == 1 && Arrays.equals(alone.get(0), names)) {
                headers.put(firstLine, new Header(columns, names.length));
            }
        } catch (Rejection e) {
            // Not a line that reads alone; records with it are parsed whole.
        }
    }

    private static boolean isBlank(String[] row) {
        for (String value : row) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Accessor accessor(JsonNode from, String at, boolean all) {
        if (!from.isTextual() || from.asText().isBlank()) {
            throw doc.problem(at, "a CSV field is named by its column, e.g. from: CRIME_REF");
        }
        String column = from.asText();
        boolean indexed = column.contains("{i}");
        // The column name for each index of a repeating group, made once instead of on every read.
        Map<String, String> names = indexed ? new ConcurrentHashMap<>() : null;
        return new Accessor() {
            /** The column's position in the last header's columns (-1: not there); a file's records share them. */
            private volatile Resolved resolved;

            @Override
            public Object read(Object item) {
                Item record = (Item) item;
                int position = position(record);
                if (position < 0) {
                    return null;
                }
                String value = record.row().values()[position];
                return value.isEmpty() ? null : value;
            }

            private int position(Item record) {
                Map<String, Integer> columns = record.row().columns();
                Resolved known = resolved;
                if (known == null || known.columns() != columns) {
                    known = new Resolved(columns, columns.getOrDefault(column, -1),
                            indexed ? new ConcurrentHashMap<>() : null);
                    resolved = known;
                }
                if (!indexed || record.index() == null) {
                    return known.position();
                }
                return known.byIndex().computeIfAbsent(record.index(), index -> columns.getOrDefault(name(record), -1));
            }

            private String name(Item record) {
                return indexed && record.index() != null
                        ? names.computeIfAbsent(record.index(), index -> column.replace("{i}", index)) : column;
            }

            @Override
            public String source(Object item) {
                return name((Item) item);
            }
        };
    }

    /** A column's position in one header's columns, and for a repeating group its position per index. */
    private record Resolved(Map<String, Integer> columns, int position, Map<String, Integer> byIndex) {}

    @Override
    public Group group(JsonNode each, String at) {
        List<String> indexes = new ArrayList<>();
        if (each.path("count").canConvertToInt()) {
            for (int i = 1; i <= each.get("count").asInt(); i++) {
                indexes.add(Integer.toString(i));
            }
        } else if (each.path("index").isArray()) {
            each.get("index").forEach(i -> indexes.add(i.asText()));
        }
        if (indexes.isEmpty()) {
            throw doc.problem(at, "a CSV repeating group is numbered columns: each: {count: 3} reads NAME_{i} for"
                    + " i = 1..3, or each: {index: [A, B]} names the suffixes");
        }
        return item -> {
            Item record = (Item) item;
            List<Object> items = new ArrayList<>(indexes.size());
            for (String index : indexes) {
                items.add(new Item(record.row(), index));
            }
            return items;
        };
    }

    /**
     * Cuts on line ends outside quotes (a quoted field may hold a line break); each data line becomes a
     * record with the header line in front, numbered by the line it starts on.
     */
    @Override
    public FileSplit split(byte[] file) {
        boolean bom = TextCodec.hasBom(file);
        List<SourceRecord> records = new ArrayList<>();
        byte[] headerLine = null;
        int start = bom ? 3 : 0;
        int line = 1;
        int startLine = 1;
        boolean quoted = false;
        for (int i = start; i <= file.length; i++) {
            if (i < file.length && file[i] == quote) {
                quoted = !quoted;
            }
            if (i == file.length || (file[i] == '\n' && !quoted)) {
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                byte[] bytes = Arrays.copyOfRange(file, start, end);
                if (!new String(bytes, charset).isBlank()) {
                    if (header && headerLine == null) {
                        headerLine = bytes;
                    } else {
                        records.add(new SourceRecord(startLine, TextCodec.withBom(bom, header ? join(headerLine, bytes) : bytes)));
                    }
                }
                start = i + 1;
                line++;
                startLine = line;
            } else if (file[i] == '\n') {
                line++;
            }
        }
        if (records.isEmpty()) {
            return FileSplit.rejected(headerLine != null ? "the file holds a header line but no record"
                    : "the file holds no record");
        }
        return FileSplit.of(records);
    }

    private static byte[] join(byte[] header, byte[] line) {
        byte[] out = Arrays.copyOf(header, header.length + 1 + line.length);
        out[header.length] = '\n';
        System.arraycopy(line, 0, out, header.length + 1, line.length);
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
