package org.forcelink.canonical;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.format.DateFormat;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The schemas' {@code date} format, answering as the validator library's own does ({@code LocalDate.parse}
 * of the text, years 0 to 9999), but reading the usual shape, {@code yyyy-MM-dd} in ASCII digits, without
 * a formatter; any other text goes to the library's check. Every date of birth and hearing date in a
 * record is checked this way.
 */
final class IsoDateFormat implements Format {

    private static final Format LIBRARY = new DateFormat();

    @Override
    public String getName() {
        return LIBRARY.getName();
    }

    @Override
    public String getMessageKey() {
        return LIBRARY.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return LIBRARY.matches(context, value);
        }
        int year = AsciiDigits.value(value, 0, 4);
        int month = AsciiDigits.value(value, 5, 7);
        int day = AsciiDigits.value(value, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return LIBRARY.matches(context, value);
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
