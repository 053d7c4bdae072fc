package org.forcelink.search;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys the search log finds a subject by: {@code pnc:<PNC ID>} and
 * {@code name:<SURNAME>|<FORENAME>|<yyyy-MM-dd>}. Names are compared without case, accents, spaces or
 * punctuation, so O'Súilleabháin, O SUILLEABHAIN and osuilleabhain are one key.
 */
public final class SubjectKeys {

    /** PNC ID: 4-digit year, slash, 7 digits, check letter. */
    public static final Pattern PNC_ID = Pattern.compile("^[0-9]{4}/[0-9]{7}[A-Z]$");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^A-Z]+");

    private SubjectKeys() {}

    public static String pnc(String pncId) {
        return "pnc:" + pncId.trim().toUpperCase(Locale.ROOT);
    }

    public static String name(String surname, String forename, String dateOfBirth) {
        return "name:" + fold(surname) + "|" + fold(forename) + "|" + dateOfBirth;
    }

    /** Upper case, accents removed, only the letters A to Z kept. */
    public static String fold(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
        return NOT_LETTERS.matcher(plain).replaceAll("");
    }

    /**
     * Reads the {@code key} of a log query: a PNC ID ({@code 2008/0123456X}) or
     * {@code surname,forename,yyyy-MM-dd}. Empty when it is neither.
     */
    public static Optional<String> parse(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String trimmed = key.trim();
        if (PNC_ID.matcher(trimmed.toUpperCase(Locale.ROOT)).matches()) {
            return Optional.of(pnc(trimmed));
        }
        String[] parts = trimmed.split(",", -1);
        if (parts.length != 3 || fold(parts[0]).isEmpty() || fold(parts[1]).isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate born = LocalDate.parse(parts[2].trim());
            return Optional.of(name(parts[0], parts[1], born.toString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
