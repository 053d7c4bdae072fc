package org.forcelink.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import org.forcelink.api.ApiProblem;
import org.forcelink.canonical.RecordType;

/**
 * What a journey search asks for (ARCHITECTURE 3.5): a business key, the source force, record type,
 * status, recipient and a time window [from, to), with a page size and the cursor of the page before.
 * Every field is optional.
 */
public record SearchCriteria(String key, String force, String type, String status, String recipient, Instant from,
        Instant to, int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Statuses of the acknowledgement, held on the message row. */
    static final Set<String> ACK_STATUSES = Set.of("ACCEPTED", "ACCEPTED_WITH_EXCEPTIONS", "REJECTED");

    /** Where the previous page ended: results are ordered by receipt time, then message id, newest first. */
    public record Cursor(Instant receivedAt, String messageId) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((receivedAt + "|" + messageId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                return new Cursor(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw ApiProblem.badRequest("bad-search", "cursor is not one this hub gave out");
            }
        }
    }

    /** Reads the query parameters as given; anything malformed is a 400 that says which parameter. */
    public static SearchCriteria parse(String key, String force, String type, String status, String recipient,
            String from, String to, String limit, String cursor) {
        String recordType = blankToNull(type);
        if (recordType != null && RecordType.fromJson(recordType).isEmpty()) {
            throw ApiProblem.badRequest("bad-search", "type must be one of nominal, custody, crime, caseFile,"
                    + " intelligence");
        }
        String state = blankToNull(status);
        if (state != null && !ACK_STATUSES.contains(state) && !DeliveryStates.STATES.contains(state)) {
            throw ApiProblem.badRequest("bad-search", "status must be one of ACCEPTED, ACCEPTED_WITH_EXCEPTIONS,"
                    + " REJECTED, PENDING, DELIVERED, FAILED, HELD");
        }
        int size = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ApiProblem.badRequest("bad-search", "limit must be 1 to " + MAX_LIMIT);
            }
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiProblem.badRequest("bad-search", "from must be before to");
        }
        String keyValue = blankToNull(key);
        if (keyValue != null && keyValue.length() > 200) {
            throw ApiProblem.badRequest("bad-search", "key may be at most 200 characters");
        }
        return new SearchCriteria(keyValue, blankToNull(force), recordType, state, blankToNull(recipient), start, end,
                size, blankToNull(cursor) == null ? null : Cursor.decode(cursor.trim()));
    }

    /** An instant (2026-11-29T10:15:00Z) or a date, meaning its start in UTC. */
    public static Instant instant(String name, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("bad-search", name + " must be an ISO-8601 instant such as"
                    + " 2026-11-29T10:15:00Z, or a date such as 2026-11-29");
        }
    }

    public SearchCriteria withForce(String sourceForce) {
        return new SearchCriteria(key, sourceForce, type, status, recipient, from, to, limit, after);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
