package org.forcelink.ingest.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.ingest.Acknowledgement;
import org.forcelink.ingest.IngestResult;
import org.forcelink.ingest.IngestService;
import org.forcelink.ingest.Submission;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.SourceRecord;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one dropped file (called by the {@code file-drop-in} route): reads it, has the ingest gate cut
 * it into records and submit each, and says where the file goes and what its acknowledgement says. Each
 * record carries the idempotency key {@code file:<sha-256 of the file>:<line>}, so a file read again
 * after a crash gets its first answers again and no record is forwarded twice.
 */
public class FileDrop {

    private static final Logger log = LoggerFactory.getLogger(FileDrop.class);
    /** UTC timestamp added to a file's name when it is moved and acknowledged, e.g. 20261128T220000.123Z. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final String PROCESSED = "processed";
    static final String REJECTED = "rejected";

    private final IngestService ingest;
    private final ForceRegistry registry;
    private final long maxFileBytes;
    private final Clock clock;

    public FileDrop(IngestService ingest, ForceRegistry registry, long maxFileBytes, Clock clock) {
        this.ingest = ingest;
        this.registry = registry;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
    }

    /**
     * Reads and submits the file; returns its acknowledgement as JSON and sets the headers naming the
     * dropped file, where it is to be moved and where its acknowledgement is to be written. Throws, leaving
     * the file where it is to be read again, when the hub could not make every record durable.
     */
    public String ingest(@Body DroppedFile file, Message message) throws IOException {
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String storedName = safeName(file.name()) + "." + STAMP.format(receivedAt);
        FileAck ack = switch (file.kind()) {
            case LINK -> rejected(file, storedName, receivedAt, null,
                    "the file is a symbolic link; links are never followed");
            case OTHER -> rejected(file, storedName, receivedAt, null, "the entry is not a regular file");
            case REGULAR -> read(file, storedName, receivedAt);
        };
        Path folder = file.path().getParent();
        message.setHeader(ForceLinkHeaders.DROPPED_FILE, file.path().toString());
        message.setHeader(ForceLinkHeaders.ARCHIVED_FILE, folder.resolve(ack.storedAs()).toString());
        message.setHeader(ForceLinkHeaders.ACK_FILE, file.force() + "/" + storedName + ".ack.json");
        log.info("file {} of {}/{}: {}{} ({} records, {} accepted, {} with exceptions, {} rejected)", safeName(file.name()),
                file.force(), file.system(), ack.status(), ack.reason() == null ? "" : ": " + ack.reason(),
                ack.counts().records(), ack.counts().accepted(), ack.counts().acceptedWithExceptions(),
                ack.counts().rejected());
        return json(ack);
    }

    private FileAck read(DroppedFile file, String storedName, Instant receivedAt) throws IOException {
        long size = Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        if (size > maxFileBytes) {
            return rejected(file, storedName, receivedAt, null, "the file is " + size + " bytes, over the limit of "
                    + maxFileBytes + " bytes");
        }
        byte[] bytes = readWithoutFollowingLinks(file.path());
        String sha256 = sha256(bytes);
        if (bytes.length == 0) {
            return rejected(file, storedName, receivedAt, sha256, "the file is empty");
        }
        FileSplit split = ingest.split(file.force(), file.system(), bytes);
        if (split.isRejected()) {
            return rejected(file, storedName, receivedAt, sha256, split.rejection());
        }
        String contentType = registry.system(file.force(), file.system()).map(SourceSystem::contentTypes)
                .map(types -> types.get(0)).orElse(null);
        List<Submission> submissions = new ArrayList<>(split.records().size());
        for (SourceRecord record : split.records()) {
            // The journey names the folder the record came from as who submitted it.
            submissions.add(new Submission("inbox/" + file.force() + "/" + file.system(), file.force(), file.system(),
                    "file", contentType, record.payload(), "file:" + sha256 + ":" + record.line()));
        }
        List<IngestResult> results = ingest.submitAll(submissions);
        List<FileAck.Line> lines = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            lines.add(line(split.records().get(i).line(), results.get(i)));
        }
        FileAck.Counts counts = FileAck.Counts.of(lines);
        boolean noneRead = counts.rejected() == counts.records();
        return new FileAck(file.force(), file.system(), file.name(),
                (noneRead ? REJECTED : PROCESSED) + "/" + storedName, receivedAt,
                noneRead ? FileAck.Status.REJECTED : FileAck.Status.PROCESSED,
                noneRead ? "no record in the file could be read; each line's reason is listed" : null,
                sha256, counts, lines);
    }

    private static FileAck.Line line(int line, IngestResult result) {
        return switch (result.outcome()) {
            case ACCEPTED, REJECTED -> FileAck.Line.of(line, result.acknowledgement(), false);
            case REPLAYED -> FileAck.Line.of(line, result.acknowledgement(), true);
            case CONFLICT, UNAVAILABLE -> throw new IllegalStateException("record on line " + line + ": "
                    + result.detail());
        };
    }

    private static FileAck rejected(DroppedFile file, String storedName, Instant receivedAt, String sha256,
            String reason) {
        return new FileAck(file.force(), file.system(), file.name(), REJECTED + "/" + storedName, receivedAt,
                FileAck.Status.REJECTED, reason, sha256, FileAck.Counts.NONE, List.of());
    }

    /**
     * The name a dropped file is archived and acknowledged under, and logged by: its own name with every
     * character other than letters, digits, space, dot, hyphen and underscore replaced by an underscore. A
     * name is one path segment on the inbox's file system, but a backslash, a control character or a line
     * break in it could still be read as a path or forge a log line elsewhere. The acknowledgement's
     * {@code file} keeps the name exactly as dropped.
     */
    static String safeName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.append(c < 128 && (Character.isLetterOrDigit(c) || " .-_".indexOf(c) >= 0)
                ? (char) c : '_'));
        return safe.toString();
    }

    /**
     * Moves the answered file (or link, itself and not what it points to) into processed/ or rejected/
     * of its folder. Called once its acknowledgement is written, so an acknowledged file is never lost.
     */
    public void archive(@Header(ForceLinkHeaders.DROPPED_FILE) String dropped,
            @Header(ForceLinkHeaders.ARCHIVED_FILE) String archived) throws IOException {
        Path target = Path.of(archived);
        Path folder = target.getParent();
        if (Files.isSymbolicLink(folder)) {
            throw new IOException("cannot archive into " + folder.getFileName() + ": it is a symbolic link");
        }
        Files.createDirectories(folder);
        Files.move(Path.of(dropped), target);
    }

    /** A file whose records could not all be made durable stays in the inbox and is read again later. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // Control characters (a line break in a file name quoted by the cause, say) never reach the log.
        String reason = cause == null ? "unknown" : (cause.getClass().getSimpleName() + ": " + cause.getMessage())
                .replaceAll("\\p{Cntrl}", "_");
        Object body = exchange.getIn().getBody();
        String dropped = exchange.getIn().getHeader(ForceLinkHeaders.DROPPED_FILE, String.class);
        if (dropped != null) {
            dropped = safeName(Path.of(dropped).getFileName().toString());
        }
        if (body instanceof DroppedFile file) {
            dropped = file.force() + "/" + file.system() + "/" + safeName(file.name());
        }
        if (dropped == null) {
            log.warn("the inbox could not be read; trying again at the next look: {}", reason);
        } else {
            log.warn("dropped file {} could not be answered and stays in the inbox to be read again: {}", dropped,
                    reason);
        }
    }

    private static byte[] readWithoutFollowingLinks(Path file) throws IOException {
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String json(FileAck ack) {
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(ack);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
