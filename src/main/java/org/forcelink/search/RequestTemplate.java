package org.forcelink.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of the query a force system receives, written as text with placeholders:
 * {@code {{surname|upper|pad:30}}} is the subject's surname in upper case padded to 30 characters. Each
 * value is escaped for the body's syntax ({@code json}, {@code xml}, {@code url} or {@code none}) after
 * its filters, so no identifier can break out of its place in the body.
 */
public final class RequestTemplate {

    /** The values a template may name. */
    public static final Set<String> NAMES = Set.of("searchId", "purpose", "force", "pncId", "surname", "forename",
            "dateOfBirth", "custodyNumber");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    /** What a rendered value is escaped for. */
    public enum Escape { JSON, XML, URL, NONE }

    private record Part(String literal, String name, List<UnaryOperator<String>> filters) {}

    private final List<Part> parts;
    private final Escape escape;

    private RequestTemplate(List<Part> parts, Escape escape) {
        this.parts = parts;
        this.escape = escape;
    }

    /**
     * Compiles a template; an unknown name or filter is an {@link IllegalArgumentException} whose message
     * says which.
     */
    public static RequestTemplate compile(String text, Escape escape) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                parts.add(new Part(text.substring(last, matcher.start()), null, List.of()));
            }
            String[] pieces = matcher.group(1).split("\\|");
            String name = pieces[0].trim();
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}}; known: "
                        + String.join(", ", NAMES.stream().sorted().toList()));
            }
            List<UnaryOperator<String>> filters = new ArrayList<>();
            for (int i = 1; i < pieces.length; i++) {
                filters.add(filter(pieces[i].trim()));
            }
            parts.add(new Part(null, name, List.copyOf(filters)));
            last = matcher.end();
        }
        if (last < text.length()) {
            parts.add(new Part(text.substring(last), null, List.of()));
        }
        return new RequestTemplate(List.copyOf(parts), escape);
    }

    private static UnaryOperator<String> filter(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        switch (name) {
            case "upper":
                return value -> value.toUpperCase(Locale.ROOT);
            case "lower":
                return value -> value.toLowerCase(Locale.ROOT);
            case "date": {
                DateTimeFormatter format = DateTimeFormatter.ofPattern(required(name, argument), Locale.UK);
                return value -> value.isEmpty() ? value : LocalDate.parse(value).format(format);
            }
            case "pad": {
                int width = Integer.parseInt(required(name, argument));
                return value -> value.length() >= width ? value.substring(0, width)
                        : value + " ".repeat(width - value.length());
            }
            case "default": {
                String fallback = required(name, argument);
                return value -> value.isEmpty() ? fallback : value;
            }
            default:
                throw new IllegalArgumentException("unknown filter '" + name + "'; known: upper, lower, date:<pattern>, "
                        + "pad:<width>, default:<text>");
        }
    }

    private static String required(String filter, String argument) {
        if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException("filter '" + filter + "' needs an argument, e.g. " + filter + ":...");
        }
        return argument;
    }

    /** Writes the body for these values (a missing value is empty). */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.literal() != null) {
                out.append(part.literal());
                continue;
            }
            String value = values.getOrDefault(part.name(), "");
            value = value == null ? "" : value;
            for (UnaryOperator<String> filter : part.filters()) {
                value = filter.apply(value);
            }
            out.append(escape(value));
        }
        return out.toString();
    }

    private String escape(String value) {
        return switch (escape) {
            case JSON -> json(value);
            case XML -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&apos;");
            case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8);
            case NONE -> value.replaceAll("[\\r\\n]", " ");
        };
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The values of one query to one force system. */
    public static Map<String, String> values(String searchId, String purpose, String force, SubjectQuery query) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("searchId", searchId);
        values.put("purpose", purpose);
        values.put("force", force);
        values.put("pncId", query.pncId());
        values.put("surname", query.surname());
        values.put("forename", query.forename());
        values.put("dateOfBirth", query.dateOfBirth() == null ? null : query.dateOfBirth().toString());
        values.put("custodyNumber", query.custodyNumber());
        return values;
    }
}
