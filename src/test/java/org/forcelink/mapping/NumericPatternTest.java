package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The numeric reading of a pattern against the strict formatter the transforms used before it: for
 * every text of the pattern's shape the same value or the same refusal, and null (the formatter then
 * decides) for every other shape.
 */
class NumericPatternTest {

    private static final String[] EDGES = {"00", "01", "02", "09", "10", "12", "13", "23", "24", "28", "29", "30",
        "31", "32", "59", "60", "99"};
    private static final String[] YEARS = {"0000", "0001", "1850", "1900", "1999", "2000", "2024", "2026", "2100",
        "9999"};

    @Test
    void readsTheSamePatternsTheWayTheFormatterDoes() {
        assertThat(NumericPattern.of("dd/MM/yyyy").isDate()).isTrue();
        assertThat(NumericPattern.of("yyyy-MM-dd'T'HH:mm:ss").isDateTime()).isTrue();
        assertThat(NumericPattern.of("ddMMyyyyHHmm").isDateTime()).isTrue();
        assertThat(NumericPattern.of("HH:mm").isTime()).isTrue();
        assertThat(NumericPattern.of("HHmm").isDate()).isFalse();
        assertThat(NumericPattern.of("dd/MM/yyyy HH:mm").isDate()).isFalse();
        for (String other : List.of("d/M/yyyy", "dd MMM yyyy", "yy-MM-dd", "dd/MM/yyyy HH:mm a", "yyyy-MM-dd[ HH:mm]",
                "dd/MM/yyyy''", "dd/dd/yyyy", "MM/dd", "dd/MM/yyyy VV", "yyyyy-MM-dd")) {
            assertThat(NumericPattern.of(other)).as(other).isNull();
        }
    }

    @Test
    void datesAgreeWithTheStrictFormatter() {
        for (String pattern : List.of("dd/MM/yyyy", "yyyy-MM-dd", "yyyyMMdd", "ddMMyyyy", "dd.MM.uuuu")) {
            agree(pattern, NumericPattern.of(pattern)::date, LocalDate::from);
        }
    }

    @Test
    void dateTimesAgreeWithTheStrictFormatter() {
        for (String pattern : List.of("dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
                "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMddHHmm", "ddMMyyyyHHmm")) {
            agree(pattern, NumericPattern.of(pattern)::dateTime, LocalDateTime::from);
        }
    }

    @Test
    void timesAgreeWithTheStrictFormatter() {
        for (String pattern : List.of("HHmm", "HH:mm", "HH:mm:ss", "HH.mm")) {
            agree(pattern, NumericPattern.of(pattern)::time, LocalTime::from);
        }
    }

    private static <T> void agree(String pattern, Function<String, T> numeric, TemporalQuery<T> query) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.UK)
                .withResolverStyle(ResolverStyle.STRICT);
        int read = 0;
        int refused = 0;
        for (String text : texts(pattern)) {
            Object expected;
            try {
                expected = formatter.parse(text, query);
            } catch (DateTimeParseException e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = numeric.apply(text);
            } catch (DateTimeParseException e) {
                actual = "refused";
            }
            if (actual == null) {
                continue;
            }
            assertThat(actual).as(pattern + " on '" + text + "'").isEqualTo(expected);
            if (actual.equals("refused")) {
                refused++;
            } else {
                read++;
            }
        }
        assertThat(read).as(pattern + " read").isGreaterThan(200);
        assertThat(refused).as(pattern + " refused").isGreaterThan(200);
    }

    /** Texts of the pattern's shape with numbers at and around every range's edges, and malformed ones. */
    private static List<String> texts(String pattern) {
        Random random = new Random(20261129L);
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\'') {
                    int end = pattern.indexOf('\'', i + 1);
                    text.append(pattern, i + 1, end);
                    i = end;
                } else if (c == 'y' || c == 'u') {
                    text.append(random.nextInt(3) == 0 ? String.format("%04d", random.nextInt(10_000))
                            : YEARS[random.nextInt(YEARS.length)]);
                    i += 3;
                } else if (Character.isLetter(c)) {
                    text.append(random.nextInt(4) == 0 ? String.format("%02d", random.nextInt(100))
                            : EDGES[random.nextInt(EDGES.length)]);
                    i += 1;
                } else {
                    text.append(c);
                }
            }
            texts.add(text.toString());
            texts.add(malformed(text.toString(), random));
        }
        return texts;
    }

    private static String malformed(String text, Random random) {
        int at = random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + random.nextInt(10) + text.substring(at);
            case 2 -> text.substring(0, at) + "x" + text.substring(at + 1);
            case 3 -> "+" + text;
            case 4 -> text.substring(0, at) + '\uFF11' + text.substring(at + 1);
            default -> text.toLowerCase(Locale.ROOT) + " ";
        };
    }
}
