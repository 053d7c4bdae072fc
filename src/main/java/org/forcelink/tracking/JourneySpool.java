package org.forcelink.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;

/**
 * Journey rows the database could not take yet, on local disk: one file per batch, written under a
 * temporary name, forced to disk and renamed, so a file is either whole or absent. The journey writer
 * spools while the database is away and drains the files, oldest first, when it is back (also after a
 * restart). Rows that the database refuses on their own are set aside in {@code rejected.jsonl}.
 */
public final class JourneySpool {

    private static final String SUFFIX = ".jsonl";
    private static final String REJECTED = "rejected.jsonl";

    private final Path dir;
    private final AtomicLong sequence;
    /** Spooled batch files not yet drained; kept in memory so the writer need not list the folder per batch. */
    private final AtomicInteger count;

    public JourneySpool(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path partial : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                    // A batch cut short by a crash: its rows were lost with the process (docs/decisions/0011).
                    Files.delete(partial);
                }
            }
            List<Path> existing = files();
            this.sequence = new AtomicLong(existing.stream().mapToLong(JourneySpool::sequenceOf).max().orElse(0));
            this.count = new AtomicInteger(existing.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use journey spool folder " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Spooled batches, oldest first. */
    public List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journey spool " + dir, e);
        }
    }

    public boolean isEmpty() {
        return count.get() == 0;
    }

    /** Writes one batch durably; returns once it is on disk. */
    public Path append(List<Object> rows) throws IOException {
        long next = sequence.incrementAndGet();
        Path target = dir.resolve(String.format("%020d%s", next, SUFFIX));
        Path temporary = dir.resolve(target.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (Object row : rows) {
            text.append(CanonicalJson.mapper().writeValueAsString(wrap(row))).append('\n');
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(text.toString()));
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        count.incrementAndGet();
        return target;
    }

    /** The rows of one spooled batch, in the order they were handed in. */
    public List<Object> read(Path file) throws IOException {
        List<Object> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(unwrap(CanonicalJson.mapper().readTree(line)));
            }
        }
        return rows;
    }

    public void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            count.decrementAndGet();
        }
    }

    /** Sets a row aside that the database refuses on its own, with the reason, for an operator to look at. */
    public void reject(Object row, String reason) throws IOException {
        ObjectNode line = wrap(row);
        line.put("refused", reason);
        Files.writeString(dir.resolve(REJECTED), CanonicalJson.mapper().writeValueAsString(line) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** Moves a spooled file that cannot be read aside, so the rest can drain. */
    public void setAside(Path file) throws IOException {
        Files.move(file, dir.resolve(file.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
        count.decrementAndGet();
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static ObjectNode wrap(Object row) {
        ObjectNode line = CanonicalJson.mapper().createObjectNode();
        String kind;
        if (row instanceof JourneyRecorder.MessageRow) {
            kind = "message";
        } else if (row instanceof JourneyRecorder.EventRow) {
            kind = "event";
        } else if (row instanceof JourneyRecorder.PayloadRow) {
            kind = "payload";
        } else if (row instanceof JourneyRecorder.DeliveryRow) {
            kind = "delivery";
        } else if (row instanceof JourneyRecorder.LineageRow) {
            kind = "lineage";
        } else {
            throw new IllegalArgumentException("not a journey row: " + row.getClass());
        }
        line.put("kind", kind);
        line.set("row", CanonicalJson.mapper().valueToTree(row));
        return line;
    }

    private static Object unwrap(JsonNode line) throws IOException {
        JsonNode row = line.get("row");
        Class<?> type = switch (line.path("kind").asText()) {
            case "message" -> JourneyRecorder.MessageRow.class;
            case "event" -> JourneyRecorder.EventRow.class;
            case "payload" -> JourneyRecorder.PayloadRow.class;
            case "delivery" -> JourneyRecorder.DeliveryRow.class;
            case "lineage" -> JourneyRecorder.LineageRow.class;
            default -> throw new IOException("unknown journey row kind '" + line.path("kind").asText() + "'");
        };
        return CanonicalJson.mapper().treeToValue(row, type);
    }
}
