package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.xpath.XPathExpressionException;
import org.forcelink.config.YamlDocument;

/**
 * How the hub asks one kind of force system about a subject, from {@code mappings/queries/<id>/query.yaml}:
 * the transport, the request body as a template over the canonical query, and how the answer is read back
 * into records of source families (which their own mappings turn into canonical records).
 */
public record QueryFormat(
        String id, String version, String description, String transport, String contentType, Charset charset,
        String soapAction, RequestTemplate request, AnswerFormat answer) {

    /** The transports a query may use. */
    public static final Set<String> TRANSPORTS = Set.of("http-json", "soap", "http");

    /** Writes the request body for a query. */
    public byte[] body(Map<String, String> values) {
        return request.render(values).getBytes(charset);
    }

    /** The Content-Type header of a request, with its charset. */
    public String contentTypeHeader() {
        return contentType.contains("charset") ? contentType : contentType + "; charset=" + charset.name();
    }

    /**
     * Compiles a query.yaml; {@code familyExists} says whether a source family's mapping is loaded. Every
     * problem names the file and line.
     */
    public static QueryFormat compile(YamlDocument doc, Predicate<String> familyExists) {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw doc.problem("", "a query format is a map with id:, transport:, request: and answer:");
        }
        String id = required(doc, root, "", "id");
        String folder = doc.file().getParent().getFileName().toString();
        if (!id.equals(folder)) {
            throw doc.problem("/id", "id '" + id + "' must be the folder's name, '" + folder + "'");
        }
        String version = required(doc, root, "", "version");
        String transport = required(doc, root, "", "transport");
        if (!TRANSPORTS.contains(transport)) {
            throw doc.problem("/transport", "transport is one of http-json, soap, http, not '" + transport + "'");
        }
        JsonNode request = root.path("request");
        String template = required(doc, request, "/request", "template");
        String contentType = request.path("contentType").asText(switch (transport) {
            case "http-json" -> "application/json";
            case "soap" -> "text/xml";
            default -> "text/plain";
        });
        Charset charset;
        try {
            charset = Charset.forName(request.path("charset").asText("UTF-8"));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw doc.problem("/request/charset", "unknown charset '" + request.path("charset").asText() + "'");
        }
        RequestTemplate.Escape escape;
        String escapeName = request.path("escape").asText(switch (transport) {
            case "http-json" -> "json";
            case "soap" -> "xml";
            default -> "none";
        });
        try {
            escape = RequestTemplate.Escape.valueOf(escapeName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw doc.problem("/request/escape", "escape is one of json, xml, url, none, not '" + escapeName + "'");
        }
        RequestTemplate compiled;
        try {
            compiled = RequestTemplate.compile(template, escape);
        } catch (IllegalArgumentException e) {
            throw doc.problem("/request/template", e.getMessage());
        }
        String soapAction = request.path("soapAction").asText(null);
        if (transport.equals("soap") && soapAction == null) {
            throw doc.problem("/request", "a soap query needs soapAction:");
        }
        return new QueryFormat(id, version, root.path("description").asText(""), transport, contentType, charset,
                soapAction, compiled, answer(doc, root.path("answer"), familyExists));
    }

    private static AnswerFormat answer(YamlDocument doc, JsonNode answer, Predicate<String> familyExists) {
        String syntaxName = required(doc, answer, "/answer", "format");
        AnswerFormat.Syntax syntax;
        try {
            syntax = AnswerFormat.Syntax.valueOf(syntaxName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw doc.problem("/answer/format", "format is one of json, xml, text, not '" + syntaxName + "'");
        }
        Map<String, String> namespaces = new LinkedHashMap<>();
        answer.path("namespaces").fields().forEachRemaining(ns -> namespaces.put(ns.getKey(), ns.getValue().asText()));
        JsonNode list = answer.path("records");
        if (!list.isArray() || list.isEmpty()) {
            throw doc.problem("/answer", "answer needs records: a list of {at:, family:}");
        }
        List<AnswerFormat.Records> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/answer/records/" + i;
            JsonNode entry = list.get(i);
            String family = required(doc, entry, at, "family");
            if (!familyExists.test(family)) {
                throw doc.problem(at + "/family", "family '" + family + "' has no mapping that loads");
            }
            String where = entry.path("at").asText(null);
            if (syntax == AnswerFormat.Syntax.TEXT) {
                if (where != null || list.size() > 1) {
                    throw doc.problem(at, "a text answer is one file of one family: give family: only, once");
                }
            } else {
                if (where == null) {
                    throw doc.problem(at, "at: is required (a JSON pointer or XPath to the records)");
                }
                checkPath(doc, syntax, where, namespaces, at + "/at");
            }
            records.add(new AnswerFormat.Records(where, family));
        }
        String fault = answer.path("fault").asText(null);
        if (fault != null) {
            if (syntax != AnswerFormat.Syntax.XML) {
                throw doc.problem("/answer/fault", "fault: is an XPath, for xml answers only");
            }
            checkPath(doc, syntax, fault, namespaces, "/answer/fault");
        }
        return new AnswerFormat(syntax, records, asOf(doc, answer.path("asOf"), syntax, namespaces), fault, namespaces);
    }

    private static AnswerFormat.AsOf asOf(YamlDocument doc, JsonNode node, AnswerFormat.Syntax syntax,
            Map<String, String> namespaces) {
        if (node.isMissingNode()) {
            return null;
        }
        String at = node.path("at").asText(null);
        String match = node.path("match").asText(null);
        String header = node.path("header").asText(null);
        int given = (at == null ? 0 : 1) + (match == null ? 0 : 1) + (header == null ? 0 : 1);
        if (given != 1) {
            throw doc.problem("/answer/asOf", "asOf: has exactly one of at:, match:, header:");
        }
        String pattern = node.path("pattern").asText(header != null ? "http" : "iso");
        if (!pattern.equals("iso") && !pattern.equals("http")) {
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw doc.problem("/answer/asOf/pattern", "'" + pattern + "' is not a java.time pattern");
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(node.path("zone").asText("Europe/London"));
        } catch (DateTimeException e) {
            throw doc.problem("/answer/asOf/zone", "unknown time zone");
        }
        Pattern regex = null;
        if (match != null) {
            if (syntax != AnswerFormat.Syntax.TEXT) {
                throw doc.problem("/answer/asOf/match", "match: is for text answers; use at:");
            }
            try {
                regex = Pattern.compile(match, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw doc.problem("/answer/asOf/match", "not a regular expression: " + e.getDescription());
            }
            if (regex.matcher("").groupCount() < 1) {
                throw doc.problem("/answer/asOf/match", "the expression needs a group ( ) around the time");
            }
        }
        if (at != null) {
            if (syntax == AnswerFormat.Syntax.TEXT) {
                throw doc.problem("/answer/asOf/at", "a text answer has no at:; use match:");
            }
            checkPath(doc, syntax, at, namespaces, "/answer/asOf/at");
        }
        return new AnswerFormat.AsOf(at, regex, header, pattern, zone);
    }

    private static void checkPath(YamlDocument doc, AnswerFormat.Syntax syntax, String path,
            Map<String, String> namespaces, String at) {
        if (syntax == AnswerFormat.Syntax.JSON) {
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw doc.problem(at, "'" + path + "' is not a JSON pointer");
            }
            return;
        }
        try {
            SafeXml.xpath(namespaces).compile(path);
        } catch (XPathExpressionException e) {
            throw doc.problem(at, "'" + path + "' is not an XPath expression (declare prefixes under namespaces:)");
        }
    }

    private static String required(YamlDocument doc, JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw doc.problem(at, "'" + field + "' is required");
        }
        return value.asText();
    }
}
