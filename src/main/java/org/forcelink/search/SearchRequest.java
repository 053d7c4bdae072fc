package org.forcelink.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.forcelink.canonical.CanonicalJson;
import org.springframework.http.HttpStatus;

/**
 * The body of {@code POST /api/v1/subjects/search}, read strictly: who is searched for, for which purpose
 * and why. Anything unclear is refused with a {@link SearchRefusal} rather than guessed at, since a search
 * that silently ignored a mistyped identifier would look like "nothing known".
 */
public record SearchRequest(SubjectQuery subject, String purpose, String reason) {

    static final int MAX_NAME = 100;
    static final int MAX_REASON = 1000;
    static final int MAX_CODE = 64;

    private static final Set<String> TOP = Set.of("subject", "purpose", "reason");
    private static final Set<String> SUBJECT = Set.of("pncId", "surname", "forename", "dateOfBirth",
            "custodyNumber", "force");

    /**
     * Reads and checks a request body. The purpose and reason are checked before the identifiers, so a
     * search without them is always refused as such.
     */
    public static SearchRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = CanonicalJson.untrusted().readTree(body);
        } catch (JsonProcessingException e) {
            throw SearchRefusal.badSearch("the body is not valid JSON (line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ")");
        } catch (IOException e) {
            throw SearchRefusal.badSearch("the body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw SearchRefusal.badSearch("the body is a JSON object with subject, purpose and reason");
        }
        unknownFields(root, TOP, "");
        String purpose = text(root, "purpose", MAX_CODE);
        String reason = text(root, "reason", MAX_REASON);
        if (purpose == null || reason == null) {
            String missing = purpose == null && reason == null ? "neither" : purpose == null ? "no purpose" : "no reason";
            throw new SearchRefusal(HttpStatus.BAD_REQUEST, "search-purpose-required", "Purpose and reason required",
                    "a subject search needs a purpose and a reason; this one has " + missing);
        }
        JsonNode subject = root.get("subject");
        if (subject == null || !subject.isObject()) {
            throw SearchRefusal.badSearch("subject is required: an object with pncId, or surname, forename and "
                    + "dateOfBirth");
        }
        unknownFields(subject, SUBJECT, "subject.");
        String pncId = text(subject, "pncId", MAX_CODE);
        if (pncId != null) {
            pncId = pncId.toUpperCase(Locale.ROOT);
            if (!SubjectKeys.PNC_ID.matcher(pncId).matches()) {
                throw SearchRefusal.badSearch("subject.pncId is not a PNC ID (4-digit year, slash, 7 digits, check "
                        + "letter, e.g. 2000/0410925R)");
            }
        }
        String surname = text(subject, "surname", MAX_NAME);
        String forename = text(subject, "forename", MAX_NAME);
        LocalDate born = date(subject);
        boolean anyName = surname != null || forename != null || born != null;
        boolean wholeName = surname != null && forename != null && born != null;
        if (anyName && !wholeName) {
            throw SearchRefusal.badSearch("surname, forename and dateOfBirth go together: give all three");
        }
        if (pncId == null && !wholeName) {
            throw SearchRefusal.badSearch("subject needs a pncId, or a surname, forename and dateOfBirth");
        }
        if (wholeName && (SubjectKeys.fold(surname).isEmpty() || SubjectKeys.fold(forename).isEmpty())) {
            throw SearchRefusal.badSearch("surname and forename need at least one letter");
        }
        String custodyNumber = text(subject, "custodyNumber", MAX_CODE);
        String force = text(subject, "force", MAX_CODE);
        return new SearchRequest(new SubjectQuery(pncId, surname, forename, born, custodyNumber,
                force == null ? null : force.toLowerCase(Locale.ROOT)), purpose, reason);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw SearchRefusal.badSearch("unknown field " + prefix + name + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A trimmed text field, null when absent, null or blank. */
    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw SearchRefusal.badSearch(field + " must be a string");
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw SearchRefusal.badSearch(field + " is longer than " + max + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    private static LocalDate date(JsonNode subject) {
        String text = text(subject, "dateOfBirth", 10);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1850 || date.isAfter(LocalDate.now())) {
                throw SearchRefusal.badSearch("subject.dateOfBirth " + text + " is not a possible date of birth");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw SearchRefusal.badSearch("subject.dateOfBirth must be a date written yyyy-MM-dd");
        }
    }
}
