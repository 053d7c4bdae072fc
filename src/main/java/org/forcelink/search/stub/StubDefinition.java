package org.forcelink.search.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.config.YamlDocument;
import org.forcelink.search.SafeXml;
import org.forcelink.search.SubjectKeys;

/**
 * The stub of one query format, from {@code mappings/queries/<format>/stub/stub.yaml}: where the identifiers
 * are in the request that format sends, and which answer file the stub gives for which sample subject (a
 * force may have its own file, in its own install's dialect), when nothing matches, and when told to fail.
 */
final class StubDefinition {

    /** What the stub read from a request. */
    record Identifiers(String pncId, String surname, String forename, LocalDate dateOfBirth) {}

    /** Where one identifier is in a request: a JSON pointer, XPath, form parameter or [start, length]. */
    private record Field(String at, int start, int length, DateTimeFormatter pattern) {}

    /** A sample subject and its answer files. */
    private record Subject(String pncId, String surname, String forename, LocalDate dateOfBirth, byte[] answer,
            Map<String, byte[]> byForce) {}

    /** A file the stub answers with, with its status. */
    record Answer(int status, byte[] body) {}

    private final String format;
    private final String syntax;
    private final Map<String, String> namespaces;
    private final Map<String, Field> fields;
    private final String contentType;
    private final String asOf;
    private final List<Subject> subjects;
    private final byte[] empty;
    private final Answer failure;

    private StubDefinition(String format, String syntax, Map<String, String> namespaces, Map<String, Field> fields,
            String contentType, String asOf, List<Subject> subjects, byte[] empty, Answer failure) {
        this.format = format;
        this.syntax = syntax;
        this.namespaces = namespaces;
        this.fields = fields;
        this.contentType = contentType;
        this.asOf = asOf;
        this.subjects = subjects;
        this.empty = empty;
        this.failure = failure;
    }

    String format() {
        return format;
    }

    String contentType() {
        return contentType;
    }

    /** {@code now} or {@code hour}: whether the data is as of the request or of the start of the hour. */
    String asOf() {
        return asOf;
    }

    Answer failure() {
        return failure;
    }

    Answer empty() {
        return new Answer(200, empty);
    }

    /** The answer for a request: the file of the sample subject it names (the force's own, if any), else empty. */
    Answer answer(String force, byte[] request) {
        Identifiers asked = read(request);
        for (Subject subject : subjects) {
            if (matches(subject, asked)) {
                return new Answer(200, subject.byForce().getOrDefault(force, subject.answer()));
            }
        }
        return empty();
    }

    private static boolean matches(Subject subject, Identifiers asked) {
        if (asked.pncId() != null && !asked.pncId().isBlank()) {
            return asked.pncId().trim().equalsIgnoreCase(subject.pncId());
        }
        return asked.surname() != null && asked.forename() != null && asked.dateOfBirth() != null
                && SubjectKeys.fold(asked.surname()).equals(SubjectKeys.fold(subject.surname()))
                && SubjectKeys.fold(asked.forename()).equals(SubjectKeys.fold(subject.forename()))
                && asked.dateOfBirth().equals(subject.dateOfBirth());
    }

    /** Reads the identifiers from a request; what cannot be read is null. */
    Identifiers read(byte[] request) {
        Map<String, String> values = new HashMap<>();
        try {
            switch (syntax) {
                case "json" -> {
                    JsonNode root = CanonicalJson.untrusted().readTree(request);
                    fields.forEach((name, field) -> values.put(name, root.at(field.at()).asText(null)));
                }
                case "xml" -> {
                    org.w3c.dom.Document document = SafeXml.parse(request);
                    XPath xpath = SafeXml.xpath(namespaces);
                    for (Map.Entry<String, Field> field : fields.entrySet()) {
                        values.put(field.getKey(), xpath.evaluate(field.getValue().at(), document));
                    }
                }
                case "form" -> {
                    Map<String, String> form = new HashMap<>();
                    for (String pair : new String(request, StandardCharsets.UTF_8).trim().split("&")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                        }
                    }
                    fields.forEach((name, field) -> values.put(name, form.get(field.at())));
                }
                default -> {
                    String line = new String(request, StandardCharsets.ISO_8859_1);
                    fields.forEach((name, field) -> {
                        int from = field.start() - 1;
                        values.put(name, line.length() <= from ? null
                                : line.substring(from, Math.min(line.length(), from + field.length())).trim());
                    });
                }
            }
        } catch (IOException | XPathExpressionException | IllegalArgumentException e) {
            return new Identifiers(null, null, null, null);
        }
        return new Identifiers(blankToNull(values.get("pncId")), blankToNull(values.get("surname")),
                blankToNull(values.get("forename")), date(values.get("dateOfBirth"), fields.get("dateOfBirth")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static LocalDate date(String value, Field field) {
        if (value == null || value.isBlank() || field == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim(), field.pattern());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads a stub.yaml and its answer files; a problem names the file and line. */
    static StubDefinition read(Path file) {
        YamlDocument doc = YamlDocument.read(file);
        JsonNode root = doc.root();
        Path folder = file.getParent();
        String format = folder.getParent().getFileName().toString();
        JsonNode request = root.path("request");
        String syntax = request.path("format").asText("");
        if (!List.of("json", "xml", "text", "form").contains(syntax)) {
            throw doc.problem("/request/format", "format is one of json, xml, text, form");
        }
        Map<String, String> namespaces = new LinkedHashMap<>();
        request.path("namespaces").fields().forEachRemaining(ns -> namespaces.put(ns.getKey(), ns.getValue().asText()));
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String name : List.of("pncId", "surname", "forename", "dateOfBirth")) {
            JsonNode spec = request.path(name);
            if (spec.isMissingNode()) {
                throw doc.problem("/request", "request needs " + name + ":");
            }
            JsonNode at = spec.isObject() ? spec.path("at") : spec;
            DateTimeFormatter pattern = DateTimeFormatter.ofPattern(spec.path("pattern").asText("yyyy-MM-dd"), Locale.UK);
            if (at.isArray()) {
                fields.put(name, new Field(null, at.path(0).asInt(), at.path(1).asInt(), pattern));
            } else {
                fields.put(name, new Field(at.asText(), 0, 0, pattern));
            }
        }
        JsonNode answer = root.path("answer");
        List<Subject> subjects = new ArrayList<>();
        JsonNode list = answer.path("subjects");
        for (int i = 0; i < list.size(); i++) {
            JsonNode subject = list.get(i);
            Map<String, byte[]> byForce = new HashMap<>();
            subject.path("forces").fields().forEachRemaining(entry ->
                    byForce.put(entry.getKey(), bytes(doc, folder, entry.getValue().asText(), "/answer/subjects")));
            subjects.add(new Subject(subject.path("pncId").asText(), subject.path("surname").asText(),
                    subject.path("forename").asText(), LocalDate.parse(subject.path("dateOfBirth").asText()),
                    bytes(doc, folder, subject.path("file").asText(), "/answer/subjects/" + i + "/file"),
                    Map.copyOf(byForce)));
        }
        JsonNode failure = answer.path("failure");
        return new StubDefinition(format, syntax, Map.copyOf(namespaces), Map.copyOf(fields),
                answer.path("contentType").asText("application/octet-stream"), answer.path("asOf").asText("now"),
                List.copyOf(subjects), bytes(doc, folder, answer.path("empty").asText(), "/answer/empty"),
                new Answer(failure.path("status").asInt(500), bytes(doc, folder, failure.path("file").asText(),
                        "/answer/failure/file")));
    }

    private static byte[] bytes(YamlDocument doc, Path folder, String name, String at) {
        Path file = folder.resolve(name).normalize();
        if (name.isBlank() || !file.startsWith(folder) || !Files.isRegularFile(file)) {
            throw doc.problem(at, "no answer file '" + name + "' in " + folder);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw doc.problem(at, "answer file '" + name + "' cannot be read");
        }
    }

    /** The stub of the given format under {@code queriesDir}, if it has one. */
    static Optional<Path> file(Path queriesDir, String format) {
        Path file = queriesDir.resolve(format).resolve("stub").resolve("stub.yaml");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
