package org.forcelink.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what an audit recipient was given: one line per delivery, in the order of delivery. */
final class AuditFeed {

    /** One delivery: the record's subject (its message group), source version and the hub's message id. */
    record Delivery(String subject, int version, String messageId) {}

    private static final Pattern LINE = Pattern.compile("(.+),(\\d+),([0-9a-f-]{36})");

    private AuditFeed() {}

    /** Every complete line; a malformed line fails the test (two writers must never interleave). */
    static List<Delivery> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<Delivery> deliveries = new ArrayList<>();
            int start = 0;
            for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
                String line = text.substring(start, end);
                Matcher matcher = LINE.matcher(line);
                if (!matcher.matches()) {
                    throw new AssertionError(file + ": malformed delivery line '" + line + "'");
                }
                deliveries.add(new Delivery(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3)));
            }
            return deliveries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
