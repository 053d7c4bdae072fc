package org.forcelink.canonical;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as the ISO-8601 UTC text {@link Instant#toString()} writes ({@code 2026-11-28T14:30:00Z},
 * with a fraction of three, six or nine digits when there is one), built directly for the years 0 to
 * 9999 instead of through {@code DateTimeFormatter.ISO_INSTANT}. Every record carries several instants,
 * written on every hop.
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long FIRST = -62_167_219_200L;
    private static final long LAST = 253_402_300_799L;

    private InstantText() {}

    public static String of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int time = (int) Math.floorMod(seconds, 86_400);
        int nanos = instant.getNano();
        char[] text = new char[nanos == 0 ? 20 : 30];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time / 3600, 2);
        text[13] = ':';
        digits(text, 14, time / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, time % 60, 2);
        int end = 19;
        if (nanos != 0) {
            text[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, end, nanos / 1_000, 6);
                end += 6;
            } else {
                digits(text, end, nanos, 9);
                end += 9;
            }
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
