package org.forcelink.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A date-time pattern made only of fixed-width numbers ({@code uuuu} or {@code yyyy}, {@code MM},
 * {@code dd}, {@code HH}, {@code mm}, {@code ss}) and literals, read straight from the characters.
 * Legacy exports use such patterns for nearly every date, and {@code DateTimeFormatter} spends most of
 * its time resolving fields through maps. A text of exactly the pattern's shape (ASCII digits where the
 * numbers are, the literals where they are) gives what the strict formatter gives: the value, or an error
 * when a number is out of range. A text of any other shape gives null, and the formatter decides.
 */
final class NumericPattern {

    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int HOUR = 3;
    private static final int MINUTE = 4;
    private static final int SECOND = 5;
    private static final int LITERAL = -1;

    /** For each character of a matching text: the field its digit belongs to, or LITERAL. */
    private final int[] fieldAt;
    /** For each character of a matching text: the literal it must be (unused for digits). */
    private final char[] literals;
    private final boolean[] present = new boolean[6];

    private NumericPattern(int[] fieldAt, char[] literals) {
        this.fieldAt = fieldAt;
        this.literals = literals;
        for (int field : fieldAt) {
            if (field != LITERAL) {
                present[field] = true;
            }
        }
    }

    /** The pattern read this way, or null when it has anything else (text, one-letter fields, offsets...). */
    static NumericPattern of(String pattern) {
        StringBuilder fields = new StringBuilder();
        StringBuilder literals = new StringBuilder();
        boolean[] seen = new boolean[6];
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0 || end == i + 1) {
                    return null;
                }
                for (int j = i + 1; j < end; j++) {
                    fields.append((char) ('0' + 9));
                    literals.append(pattern.charAt(j));
                }
                i = end + 1;
                continue;
            }
            int run = i;
            while (run < pattern.length() && pattern.charAt(run) == c) {
                run++;
            }
            int count = run - i;
            int field = switch (c) {
                case 'u', 'y' -> count == 4 ? YEAR : -2;
                case 'M' -> count == 2 ? MONTH : -2;
                case 'd' -> count == 2 ? DAY : -2;
                case 'H' -> count == 2 ? HOUR : -2;
                case 'm' -> count == 2 ? MINUTE : -2;
                case 's' -> count == 2 ? SECOND : -2;
                default -> Character.isLetter(c) || c == '[' || c == ']' || c == '{' || c == '}' || c == '#'
                        ? -2 : LITERAL;
            };
            if (field == -2 || (field != LITERAL && seen[field])) {
                return null;
            }
            if (field != LITERAL) {
                seen[field] = true;
            }
            for (int j = 0; j < count; j++) {
                fields.append((char) ('0' + (field == LITERAL ? 9 : field)));
                literals.append(c);
            }
            i = run;
        }
        int[] fieldAt = new int[fields.length()];
        for (int j = 0; j < fieldAt.length; j++) {
            int field = fields.charAt(j) - '0';
            fieldAt[j] = field == 9 ? LITERAL : field;
        }
        NumericPattern compiled = new NumericPattern(fieldAt, literals.toString().toCharArray());
        return compiled.present[YEAR] || compiled.present[HOUR] ? compiled : null;
    }

    /** Whether the pattern is a whole date and nothing else (year, month and day). */
    boolean isDate() {
        return present[YEAR] && present[MONTH] && present[DAY] && !present[HOUR] && !present[MINUTE] && !present[SECOND];
    }

    /** Whether the pattern is a date with a time to the minute or second. */
    boolean isDateTime() {
        return present[YEAR] && present[MONTH] && present[DAY] && present[HOUR] && present[MINUTE];
    }

    /** Whether the pattern is a time of day to the minute or second and nothing else. */
    boolean isTime() {
        return !present[YEAR] && !present[MONTH] && !present[DAY] && present[HOUR] && present[MINUTE];
    }

    /** The numbers of a text of the pattern's shape, or null for any other shape. */
    private int[] read(String text) {
        if (text.length() != fieldAt.length) {
            return null;
        }
        int[] values = new int[6];
        for (int i = 0; i < fieldAt.length; i++) {
            char c = text.charAt(i);
            int field = fieldAt[i];
            if (field == LITERAL) {
                if (c != literals[i]) {
                    return null;
                }
            } else if (c >= '0' && c <= '9') {
                values[field] = values[field] * 10 + (c - '0');
            } else {
                return null;
            }
        }
        return values;
    }

    /** Only for a pattern that {@link #isDate()}: the date, null for another shape, or the formatter's error. */
    LocalDate date(String text) {
        int[] v = read(text);
        return v == null ? null : checked(text, () -> LocalDate.of(v[YEAR], v[MONTH], v[DAY]));
    }

    /** Only for a pattern that {@link #isDateTime()}. */
    LocalDateTime dateTime(String text) {
        int[] v = read(text);
        return v == null ? null
                : checked(text, () -> LocalDateTime.of(v[YEAR], v[MONTH], v[DAY], v[HOUR], v[MINUTE], v[SECOND]));
    }

    /** Only for a pattern that {@link #isTime()}. */
    LocalTime time(String text) {
        int[] v = read(text);
        return v == null ? null : checked(text, () -> LocalTime.of(v[HOUR], v[MINUTE], v[SECOND]));
    }

    private interface Value<T> {
        T get();
    }

    private static <T> T checked(String text, Value<T> value) {
        try {
            return value.get();
        } catch (DateTimeException e) {
            throw new DateTimeParseException("Text '" + text + "' could not be parsed: " + e.getMessage(), text, 0, e);
        }
    }
}
