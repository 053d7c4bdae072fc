package org.forcelink.canonical;

/** Numbers written in ASCII digits, read without a parser, for the fixed-width dates and times of records. */
public final class AsciiDigits {

    private AsciiDigits() {}

    /** The number written from {@code from} to {@code to} (exclusive), or -1 when a character is not 0-9. */
    public static int value(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
