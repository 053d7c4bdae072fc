package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.forcelink.canonical.InstantText;
import org.forcelink.config.YamlDocument;

/**
 * Compiles the {@code transforms:} chain of a field rule into {@link Transform}s, once per mapping. Each
 * entry is a name ({@code trim}) or a one-key map ({@code date: [dd/MM/yyyy, yyyyMMdd]}). The list of
 * names and their options is in mappings/README.md.
 */
final class Transforms {

    /** Wall-clock times in source systems are UK local time unless a mapping says otherwise. */
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final Set<String> TRUE = Set.of("Y", "YES", "TRUE", "T", "1");
    private static final Set<String> FALSE = Set.of("N", "NO", "FALSE", "F", "0");

    private final YamlDocument doc;
    private final ReferenceLists reference;
    private final Map<String, Map<String, String>> tables;
    private final ZoneId zone;

    Transforms(YamlDocument doc, ReferenceLists reference, Map<String, Map<String, String>> tables, ZoneId zone) {
        this.doc = doc;
        this.reference = reference;
        this.tables = tables;
        this.zone = zone;
    }

    /** Compiles the chain at {@code pointer} (a missing chain is empty). */
    List<Transform> chain(JsonNode node, String pointer) {
        List<Transform> chain = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return chain;
        }
        if (!node.isArray()) {
            throw doc.problem(pointer, "transforms must be a list, e.g. [trim, upper]");
        }
        for (int i = 0; i < node.size(); i++) {
            chain.add(one(node.get(i), pointer + "/" + i));
        }
        return chain;
    }

    private Transform one(JsonNode entry, String at) {
        String name;
        JsonNode option;
        if (entry.isTextual()) {
            name = entry.asText();
            option = null;
        } else if (entry.isObject() && entry.size() == 1) {
            name = entry.fieldNames().next();
            option = entry.get(name);
        } else {
            throw doc.problem(at, "a transform is a name or a map with one key, e.g. trim or {date: [dd/MM/yyyy]}");
        }
        String optionAt = at + "/" + YamlDocument.escape(name);
        return switch (name) {
            case "trim" -> simple("trim", v -> emptyToNull(v.strip()));
            case "upper" -> simple("upper", v -> v.toUpperCase(Locale.ROOT));
            case "lower" -> simple("lower", v -> v.toLowerCase(Locale.ROOT));
            case "collapse-spaces" -> simple("collapse-spaces", v -> v.strip().replaceAll("\\s+", " "));
            case "date" -> date(patterns(option, optionAt, "date"), optionAt);
            case "datetime" -> dateTime(patterns(option, optionAt, "datetime"), optionAt);
            case "time" -> time(patterns(option, optionAt, "time"), optionAt);
            case "add" -> add(option, optionAt);
            case "number" -> number();
            case "boolean" -> bool(option, optionAt);
            case "lookup" -> lookup(option, optionAt);
            case "split" -> split(option, optionAt);
            case "join" -> join(option, optionAt);
            case "name" -> name(option, optionAt);
            case "replace" -> replace(option, optionAt);
            case "default" -> defaultValue(option, optionAt);
            case "constant" -> constant(option, optionAt);
            default -> throw doc.problem(at, "unknown transform '" + name + "'; known: add, boolean, collapse-spaces,"
                    + " constant, date, datetime, default, join, lookup, lower, name, number, replace, split, time,"
                    + " trim, upper");
        };
    }

    private interface StringFunction {
        Object apply(String value);
    }

    /** A per-value transform of strings; other values (numbers, booleans) pass unchanged. */
    private static Transform simple(String description, StringFunction function) {
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                return value instanceof String s ? function.apply(s) : value;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static Object emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private List<String> patterns(JsonNode option, String at, String name) {
        List<String> patterns = new ArrayList<>();
        if (option != null && option.isTextual()) {
            patterns.add(option.asText());
        } else if (option != null && option.isArray() && !option.isEmpty()) {
            option.forEach(p -> patterns.add(p.asText()));
        } else {
            throw doc.problem(at, name + " needs one pattern or a list of patterns, e.g. " + name + ": [dd/MM/yyyy]");
        }
        return patterns;
    }

    private List<DateTimeFormatter> formatters(List<String> patterns, String at) {
        List<DateTimeFormatter> formatters = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern.equals("iso")) {
                formatters.add(null);
                continue;
            }
            try {
                // STRICT resolving refuses 31/02; it needs the proleptic year letter u where people write y.
                formatters.add(DateTimeFormatter.ofPattern(strictYears(pattern), Locale.UK)
                        .withResolverStyle(ResolverStyle.STRICT));
            } catch (IllegalArgumentException e) {
                throw doc.problem(at + "/" + i, "'" + pattern + "' is not a date-time pattern: " + e.getMessage());
            }
        }
        return formatters;
    }

    /** Replaces y (year of era) by u (year) outside quoted literals. */
    private static String strictYears(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    /**
     * For each pattern, its {@link NumericPattern} when it is one of the kind {@code kind} accepts (the
     * formatter then reads only the texts of other shapes), else null.
     */
    private static List<NumericPattern> numeric(List<String> patterns, Predicate<NumericPattern> kind) {
        List<NumericPattern> numeric = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            NumericPattern compiled = pattern.equals("iso") ? null : NumericPattern.of(pattern);
            numeric.add(compiled != null && kind.test(compiled) ? compiled : null);
        }
        return numeric;
    }

    private Transform date(List<String> patterns, String at) {
        List<DateTimeFormatter> formatters = formatters(patterns, at);
        List<NumericPattern> numeric = numeric(patterns, NumericPattern::isDate);
        String description = "date(" + String.join(", ", patterns) + ")";
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                String text = value.toString().strip();
                for (int i = 0; i < formatters.size(); i++) {
                    DateTimeFormatter formatter = formatters.get(i);
                    try {
                        LocalDate date = numeric.get(i) != null ? numeric.get(i).date(text) : null;
                        if (date == null) {
                            date = formatter == null ? LocalDate.parse(text) : LocalDate.parse(text, formatter);
                        }
                        if (plausible(date.getYear())) {
                            return date.toString();
                        }
                    } catch (DateTimeParseException e) {
                        // try the next accepted pattern
                    }
                }
                throw new TransformFailure("FL-FORMAT", "'" + text + "' is not a date in any accepted pattern ("
                        + String.join(", ", patterns) + ")");
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /**
     * Local date-times are read in the mapping's zone (Europe/London by default) and written as UTC
     * instants; in the autumn hour that happens twice the earlier (summer-time) offset is taken, and a
     * spring-forward gap time is moved forward by the gap. "iso" also accepts an explicit offset.
     */
    private Transform dateTime(List<String> patterns, String at) {
        List<DateTimeFormatter> formatters = formatters(patterns, at);
        List<NumericPattern> numeric = numeric(patterns, NumericPattern::isDateTime);
        String description = "datetime(" + String.join(", ", patterns) + ")";
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                String text = value.toString().strip();
                for (int i = 0; i < formatters.size(); i++) {
                    DateTimeFormatter formatter = formatters.get(i);
                    try {
                        if (formatter == null) {
                            return iso(text);
                        }
                        LocalDateTime local = numeric.get(i) != null ? numeric.get(i).dateTime(text) : null;
                        if (local == null) {
                            local = LocalDateTime.parse(text, formatter);
                        }
                        if (plausible(local.getYear())) {
                            return InstantText.of(local.atZone(zone).toInstant());
                        }
                    } catch (DateTimeException e) {
                        // try the next accepted pattern
                    }
                }
                throw new TransformFailure("FL-FORMAT", "'" + text + "' is not a date and time in any accepted"
                        + " pattern (" + String.join(", ", patterns) + ")");
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /**
     * A year outside 1850-2199 means the value was read with the wrong one of several patterns (20080231
     * is not 20 August 231 but a bad yyyyMMdd), so the next pattern is tried.
     */
    private static boolean plausible(int year) {
        return year >= 1850 && year < 2200;
    }

    private String iso(String text) {
        try {
            return InstantText.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return InstantText.of(LocalDateTime.parse(text).atZone(zone).toInstant());
        }
    }

    private Transform time(List<String> patterns, String at) {
        List<DateTimeFormatter> formatters = formatters(patterns, at);
        List<NumericPattern> numeric = numeric(patterns, NumericPattern::isTime);
        DateTimeFormatter out = DateTimeFormatter.ofPattern("HH:mm");
        String description = "time(" + String.join(", ", patterns) + ")";
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                String text = value.toString().strip();
                for (int i = 0; i < formatters.size(); i++) {
                    DateTimeFormatter formatter = formatters.get(i);
                    try {
                        LocalTime time = numeric.get(i) != null ? numeric.get(i).time(text) : null;
                        if (time == null) {
                            time = formatter == null ? LocalTime.parse(text) : LocalTime.parse(text, formatter);
                        }
                        return time.format(out);
                    } catch (DateTimeParseException e) {
                        // try the next accepted pattern
                    }
                }
                throw new TransformFailure("FL-FORMAT", "'" + text + "' is not a time of day in any accepted pattern ("
                        + String.join(", ", patterns) + ")");
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Adds an ISO-8601 duration (PT24H) to an instant: PACE limits and review times derived from the relevant time. */
    private Transform add(JsonNode option, String at) {
        Duration duration;
        try {
            duration = Duration.parse(option == null ? "" : option.asText());
        } catch (DateTimeParseException e) {
            throw doc.problem(at, "add needs an ISO-8601 duration such as PT24H");
        }
        String description = "add(" + option.asText() + ")";
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                try {
                    return InstantText.of(Instant.parse(value.toString()).plus(duration));
                } catch (DateTimeParseException e) {
                    throw new TransformFailure("FL-FORMAT", "'" + value + "' is not an instant to add "
                            + option.asText() + " to");
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static Transform number() {
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                if (value instanceof Long || value instanceof BigDecimal) {
                    return value;
                }
                String text = value.toString().strip();
                try {
                    BigDecimal number = new BigDecimal(text);
                    return number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0
                            ? (Object) number.longValueExact() : number;
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new TransformFailure("FL-FORMAT", "'" + text + "' is not a number");
                }
            }

            @Override
            public String describe() {
                return "number";
            }
        };
    }

    private Transform bool(JsonNode option, String at) {
        Set<String> yes = option == null ? TRUE : upperSet(option.get("true"), at + "/true");
        Set<String> no = option == null ? FALSE : upperSet(option.get("false"), at + "/false");
        String description = option == null ? "boolean"
                : "boolean(true: " + String.join("/", new TreeSet<>(yes)) + ", false: " + String.join("/", new TreeSet<>(no)) + ")";
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                if (value instanceof Boolean) {
                    return value;
                }
                String text = value.toString().strip().toUpperCase(Locale.ROOT);
                if (yes.contains(text)) {
                    return Boolean.TRUE;
                }
                if (no.contains(text)) {
                    return Boolean.FALSE;
                }
                throw new TransformFailure("FL-FORMAT", "'" + value.toString().strip() + "' is not one of "
                        + String.join(", ", new TreeSet<>(yes)) + " (true) or " + String.join(", ", new TreeSet<>(no))
                        + " (false)");
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private Set<String> upperSet(JsonNode list, String at) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw doc.problem(at, "boolean needs lists 'true' and 'false', e.g. {true: [Y], false: [N]}");
        }
        Set<String> set = new TreeSet<>();
        list.forEach(v -> set.add(v.asText().toUpperCase(Locale.ROOT)));
        return set;
    }

    /**
     * A code-list lookup: {@code table:} names a table of the mapping's {@code tables:}, {@code values:}
     * is an inline table, or {@code list:} with {@code key:} and {@code value:} names a CSV of
     * config/reference/ and its columns. {@code unknown: warn} (default) drops a code the table does not
     * have with an FL-CODE-UNKNOWN warning; {@code unknown: keep} keeps it as sent.
     */
    private Transform lookup(JsonNode option, String at) {
        if (option == null || !option.isObject()) {
            throw doc.problem(at, "lookup needs table:, values: or list: with key: and value:");
        }
        Map<String, String> table;
        String name;
        if (option.has("table")) {
            name = option.get("table").asText();
            table = tables.get(name);
            if (table == null) {
                throw doc.problem(at + "/table", "no table '" + name + "' under tables:; known: "
                        + String.join(", ", new TreeSet<>(tables.keySet())));
            }
            name = "table " + name;
        } else if (option.has("values")) {
            table = tableOf(option.get("values"), at + "/values", doc);
            name = "values";
        } else if (option.has("list")) {
            String list = option.get("list").asText();
            String key = option.path("key").asText(null);
            String valueColumn = option.path("value").asText(null);
            if (key == null || valueColumn == null) {
                throw doc.problem(at, "lookup in a reference list needs key: and value: (its column names)");
            }
            table = reference.table(list, key, valueColumn, doc, at);
            name = list + ".csv " + key + "->" + valueColumn;
        } else {
            throw doc.problem(at, "lookup needs table:, values: or list:");
        }
        String unknown = option.path("unknown").asText("warn");
        if (!unknown.equals("warn") && !unknown.equals("keep")) {
            throw doc.problem(at + "/unknown", "unknown: is warn or keep");
        }
        boolean keep = unknown.equals("keep");
        String description = "lookup(" + name + (keep ? ", unknown kept" : "") + ")";
        String listName = name;
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                String code = value.toString();
                String mapped = table.get(code);
                if (mapped != null) {
                    return mapped.isEmpty() ? null : mapped;
                }
                if (keep) {
                    return code;
                }
                throw new TransformFailure("FL-CODE-UNKNOWN", "unknown code '" + code + "' (not in " + listName + ")");
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    static Map<String, String> tableOf(JsonNode values, String at, YamlDocument doc) {
        if (values == null || !values.isObject()) {
            throw doc.problem(at, "a code table is a map from source code to canonical code");
        }
        Map<String, String> table = new HashMap<>();
        values.fields().forEachRemaining(e -> table.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return Map.copyOf(table);
    }

    private Transform split(JsonNode option, String at) {
        if (option == null || !option.isTextual() || option.asText().isEmpty()) {
            throw doc.problem(at, "split needs the separator, e.g. split: \";\"");
        }
        String separator = option.asText();
        Pattern pattern = Pattern.compile(Pattern.quote(separator));
        return new Transform() {
            @Override
            public Object apply(Object value) {
                if (value == null) {
                    return null;
                }
                List<Object> parts = new ArrayList<>();
                for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                    for (String part : pattern.split(one.toString())) {
                        if (!part.isBlank()) {
                            parts.add(part.strip());
                        }
                    }
                }
                return parts.isEmpty() ? null : parts;
            }

            @Override
            public String describe() {
                return "split(\"" + separator + "\")";
            }
        };
    }

    private Transform join(JsonNode option, String at) {
        if (option == null || !option.isTextual()) {
            throw doc.problem(at, "join needs the separator, e.g. join: \" \"");
        }
        String separator = option.asText();
        return new Transform() {
            @Override
            public Object apply(Object value) {
                if (value instanceof List<?> list) {
                    String joined = list.stream().filter(v -> v != null && !v.toString().isBlank())
                            .map(Object::toString).collect(Collectors.joining(separator));
                    return joined.isEmpty() ? null : joined;
                }
                return value;
            }

            @Override
            public String describe() {
                return "join(\"" + separator + "\")";
            }
        };
    }

    /**
     * Takes one part of a whole name: "SURNAME, Forename Middle" (comma form) or "Forename Middle
     * Surname". {@code name: surname} gives the surname, {@code name: forenames} the list of forenames.
     */
    private Transform name(JsonNode option, String at) {
        String part = option == null ? "" : option.asText();
        if (!part.equals("surname") && !part.equals("forenames")) {
            throw doc.problem(at, "name: is surname or forenames");
        }
        boolean surname = part.equals("surname");
        return new Transform.PerValue() {
            @Override
            public Object applyOne(Object value) {
                String whole = value.toString().strip();
                String family;
                String given;
                int comma = whole.indexOf(',');
                if (comma >= 0) {
                    family = whole.substring(0, comma).strip();
                    given = whole.substring(comma + 1).strip();
                } else {
                    int space = whole.lastIndexOf(' ');
                    family = space < 0 ? whole : whole.substring(space + 1);
                    given = space < 0 ? "" : whole.substring(0, space).strip();
                }
                if (surname) {
                    return family.isEmpty() ? null : family;
                }
                List<Object> forenames = new ArrayList<>();
                for (String name : given.split("\\s+")) {
                    if (!name.isEmpty()) {
                        forenames.add(name);
                    }
                }
                return forenames.isEmpty() ? null : forenames;
            }

            @Override
            public String describe() {
                return "name(" + part + ")";
            }
        };
    }

    private Transform replace(JsonNode option, String at) {
        if (option == null || !option.has("pattern")) {
            throw doc.problem(at, "replace needs pattern: (a regular expression) and with:");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(option.get("pattern").asText());
        } catch (PatternSyntaxException e) {
            throw doc.problem(at + "/pattern", "not a regular expression: " + e.getDescription());
        }
        String with = option.path("with").asText("");
        String description = "replace(/" + pattern.pattern() + "/ with \"" + with + "\")";
        return simple(description, v -> emptyToNull(pattern.matcher(v).replaceAll(with)));
    }

    private Transform defaultValue(JsonNode option, String at) {
        Object fallback = scalar(option, at, "default");
        return new Transform() {
            @Override
            public Object apply(Object value) {
                return value == null ? fallback : value;
            }

            @Override
            public String describe() {
                return "default(" + fallback + ")";
            }
        };
    }

    private Transform constant(JsonNode option, String at) {
        Object constant = scalar(option, at, "constant");
        return new Transform() {
            @Override
            public Object apply(Object value) {
                return constant;
            }

            @Override
            public String describe() {
                return "constant(" + constant + ")";
            }
        };
    }

    private Object scalar(JsonNode option, String at, String name) {
        if (option == null || option.isNull() || option.isContainerNode()) {
            throw doc.problem(at, name + " needs a value");
        }
        if (option.isBoolean()) {
            return option.booleanValue();
        }
        if (option.isIntegralNumber()) {
            return option.longValue();
        }
        if (option.isNumber()) {
            return option.decimalValue();
        }
        return option.asText();
    }

    /** The tables: section of a mapping, merged with its overrides' entries. */
    static Map<String, Map<String, String>> tables(JsonNode node, YamlDocument doc) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        if (node != null && !node.isMissingNode()) {
            if (!node.isObject()) {
                throw doc.problem("/tables", "tables: is a map from table name to code table");
            }
            node.fields().forEachRemaining(e -> tables.put(e.getKey(),
                    tableOf(e.getValue(), "/tables/" + YamlDocument.escape(e.getKey()), doc)));
        }
        return tables;
    }
}
