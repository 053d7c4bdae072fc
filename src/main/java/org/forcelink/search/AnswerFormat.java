package org.forcelink.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import org.forcelink.canonical.CanonicalJson;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How a force system's answer to a query is read: where its records are (each in the format of a source
 * family, mapped to canonical by that family's mapping), when the data it answers from was current, and,
 * for SOAP, what a fault looks like.
 */
public final class AnswerFormat {

    /** Syntax of the whole answer. */
    public enum Syntax { JSON, XML, TEXT }

    /** One place records are found: a JSON pointer or XPath (null for text: the whole answer), and their family. */
    public record Records(String at, String family) {}

    /**
     * When the answer's data was current: read at a JSON pointer or XPath ({@code at}), by the first group
     * of a regular expression over a text answer ({@code match}), or from an HTTP header ({@code header});
     * written {@code iso}, {@code http} (RFC 1123) or as a java.time pattern of local time in {@code zone}.
     */
    public record AsOf(String at, Pattern match, String header, String pattern, ZoneId zone) {

        Instant parse(String text) {
            String value = text.trim();
            try {
                return switch (pattern) {
                    case "iso" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
                    case "http" -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    default -> LocalDateTime.parse(value, DateTimeFormatter.ofPattern(pattern, Locale.UK))
                            .atZone(zone).toInstant();
                };
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the as-of time '" + value + "' is not written " + pattern);
            }
        }
    }

    /** A record found in an answer, still in its family's format; {@code where} says where, for messages. */
    public record RawRecord(String family, byte[] payload, String where) {}

    /** What was read from one answer: the records, the as-of time (null when the answer has none), a fault. */
    public record Read(List<RawRecord> records, Instant asOf, String fault) {}

    private final Syntax syntax;
    private final List<Records> records;
    private final AsOf asOf;
    private final String fault;
    private final Map<String, String> namespaces;

    public AnswerFormat(Syntax syntax, List<Records> records, AsOf asOf, String fault, Map<String, String> namespaces) {
        this.syntax = syntax;
        this.records = List.copyOf(records);
        this.asOf = asOf;
        this.fault = fault;
        this.namespaces = Map.copyOf(namespaces);
    }

    public Syntax syntax() {
        return syntax;
    }

    public List<Records> records() {
        return records;
    }

    public Map<String, String> namespaces() {
        return namespaces;
    }

    /**
     * Reads an answer body; {@code headers} gives the answer's HTTP headers by name. An answer that is
     * not in this format is an {@link IllegalArgumentException} saying why.
     */
    public Read read(byte[] body, Function<String, String> headers) {
        return switch (syntax) {
            case JSON -> readJson(body, headers);
            case XML -> readXml(body, headers);
            case TEXT -> readText(body, headers);
        };
    }

    private Read readJson(byte[] body, Function<String, String> headers) {
        JsonNode root;
        try {
            root = CanonicalJson.untrusted().readTree(body);
        } catch (JsonProcessingException e) {
            // Where, not what: the parser's message may quote the answer's data.
            throw new IllegalArgumentException("the answer is not valid JSON (at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("the answer could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
        List<RawRecord> found = new ArrayList<>();
        for (Records place : records) {
            JsonNode node = root.at(place.at());
            if (node.isMissingNode() || node.isNull()) {
                continue;
            }
            List<JsonNode> elements = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(elements::add);
            } else {
                elements.add(node);
            }
            for (int i = 0; i < elements.size(); i++) {
                try {
                    found.add(new RawRecord(place.family(), CanonicalJson.mapper().writeValueAsBytes(elements.get(i)),
                            place.at() + (node.isArray() ? "/" + i : "")));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Instant time = null;
        if (asOf != null) {
            if (asOf.header() != null) {
                time = fromHeader(headers);
            } else {
                JsonNode value = root.at(asOf.at());
                time = value.isValueNode() && !value.asText().isBlank() ? asOf.parse(value.asText()) : null;
            }
        }
        return new Read(List.copyOf(found), time, null);
    }

    private Read readXml(byte[] body, Function<String, String> headers) {
        Document document = SafeXml.parse(body);
        XPath xpath = SafeXml.xpath(namespaces);
        try {
            if (fault != null) {
                Node faultNode = (Node) xpath.evaluate(fault, document, XPathConstants.NODE);
                if (faultNode != null) {
                    String code = xpath.evaluate("*[local-name()='faultcode']", faultNode).trim();
                    return new Read(List.of(), null, code.isEmpty() ? "SOAP fault" : "SOAP fault " + code);
                }
            }
            List<RawRecord> found = new ArrayList<>();
            for (Records place : records) {
                NodeList nodes = (NodeList) xpath.evaluate(place.at(), document, XPathConstants.NODESET);
                for (int i = 0; i < nodes.getLength(); i++) {
                    found.add(new RawRecord(place.family(), SafeXml.write(nodes.item(i)),
                            place.at() + "[" + (i + 1) + "]"));
                }
            }
            Instant time = null;
            if (asOf != null) {
                if (asOf.header() != null) {
                    time = fromHeader(headers);
                } else {
                    String value = xpath.evaluate(asOf.at(), document);
                    time = value == null || value.isBlank() ? null : asOf.parse(value);
                }
            }
            return new Read(List.copyOf(found), time, null);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("XPath cannot be evaluated on the answer: " + e.getMessage());
        }
    }

    private Read readText(byte[] body, Function<String, String> headers) {
        List<RawRecord> found = new ArrayList<>();
        for (Records place : records) {
            found.add(new RawRecord(place.family(), body, "the answer"));
        }
        Instant time = null;
        if (asOf != null) {
            if (asOf.header() != null) {
                time = fromHeader(headers);
            } else {
                // Latin-1 keeps every byte as one character, so a pattern over ASCII header lines works
                // whatever the encoding of the records.
                Matcher matcher = asOf.match().matcher(new String(body, StandardCharsets.ISO_8859_1));
                time = matcher.find() ? asOf.parse(matcher.group(1)) : null;
            }
        }
        return new Read(List.copyOf(found), time, null);
    }

    private Instant fromHeader(Function<String, String> headers) {
        String value = headers.apply(asOf.header());
        return value == null || value.isBlank() ? null : asOf.parse(value);
    }
}
