package org.forcelink.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.routing.TransportSettings;
import org.forcelink.tracking.JourneyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Batch recipients ({@code daily-file} transport), such as Home Office statistics: each record's rows
 * (already minimised and mapped) are kept in the tracking store as it arrives, and a scheduled route
 * writes one CSV of counts over everything not yet in a file, with a manifest of the message ids it
 * covers beside it. A source record is counted once, as its latest version at the time of the file;
 * versions arriving after it was counted are covered but not counted again.
 */
public class DailyFiles {

    private static final Logger log = LoggerFactory.getLogger(DailyFiles.class);

    /** One record waiting for (or covered by) a file. */
    private record Entry(String messageId, RecordIdentity record, String rowsJson, String fileName) {}

    private final Subscriptions subscriptions;
    private final Outbound outbound;
    private final JdbcTemplate jdbc;
    private final JourneyRecorder journey;
    private final Path dataDir;
    private final Clock clock;

    public DailyFiles(Subscriptions subscriptions, Outbound outbound, JdbcTemplate jdbc, JourneyRecorder journey,
            Path dataDir, Clock clock) {
        this.subscriptions = subscriptions;
        this.outbound = outbound;
        this.jdbc = jdbc;
        this.journey = journey;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** Keeps the rendered rows of the record on the exchange until the next file; a redelivered record is kept once. */
    public void collect(Exchange exchange) {
        Recipient recipient = DeliveryGate.recipient(exchange, subscriptions);
        RecordIdentity identity = exchange.getProperty(ForceLinkHeaders.RECORD_IDENTITY, RecordIdentity.class);
        Rendered rows = exchange.getProperty(ForceLinkHeaders.RENDERED, Rendered.class);
        try {
            jdbc.update("insert into batch_entry (recipient, message_id, force_code, system_id, source_record_id,"
                            + " source_version, received_at, rows_json) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    recipient.id(), identity.messageId(), identity.force(), identity.system(),
                    identity.sourceRecordId(), identity.sourceVersion(), Timestamp.from(clock.instant()),
                    rows.bodyText());
        } catch (DuplicateKeyException alreadyKept) {
            log.info("{} is already waiting for the next file of {}", identity.messageId(), recipient.id());
        }
    }

    /** Whether the record is kept for the recipient's next file (and not yet in one). */
    public boolean isPending(String recipient, String messageId) {
        Integer count = jdbc.queryForObject("select count(*) from batch_entry where recipient = ? and message_id = ?"
                + " and file_name is null", Integer.class, recipient, messageId);
        return count != null && count > 0;
    }

    /** Called by the scheduled route: writes the file of the recipient on the exchange. */
    public void write(Exchange exchange) {
        Recipient recipient = DeliveryGate.recipient(exchange, subscriptions);
        exchange.getIn().setBody(write(recipient.id()).map(Path::toString).orElse(null));
    }

    /**
     * Writes the recipient's file and manifest for everything pending, or nothing when nothing is.
     * Synchronised: a schedule and an operator (or test) may ask at the same moment.
     */
    public synchronized Optional<Path> write(String recipientId) {
        Recipient recipient = subscriptions.recipient(recipientId)
                .orElseThrow(() -> new IllegalStateException("no subscription for recipient " + recipientId));
        if (!(recipient.transport() instanceof TransportSettings.DailyFile settings)) {
            throw new IllegalStateException("recipient " + recipientId + " is not a daily-file recipient");
        }
        Path folder = dataDir.resolve(settings.folder());
        recover(recipientId, folder);
        List<Entry> pending = jdbc.query("select message_id, force_code, system_id, source_record_id, source_version,"
                        + " rows_json from batch_entry where recipient = ? and file_name is null"
                        + " order by received_at, message_id",
                (rs, n) -> new Entry(rs.getString(1), new RecordIdentity(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), (Integer) rs.getObject(5)), rs.getString(6), null),
                recipientId);
        if (pending.isEmpty()) {
            log.info("no records for a file of {}", recipientId);
            return Optional.empty();
        }
        String name = nextName(folder, recipientId);
        String csvName = name + ".csv";
        Map<String, String> details = new LinkedHashMap<>();
        List<JsonNode> rows = new ArrayList<>();
        Map<List<String>, List<Entry>> bySource = new LinkedHashMap<>();
        for (Entry entry : pending) {
            RecordIdentity r = entry.record();
            bySource.computeIfAbsent(List.of(r.force(), r.system(), r.sourceRecordId()), k -> new ArrayList<>()).add(entry);
        }
        bySource.forEach((source, versions) -> {
            Optional<String> countedIn = countedIn(recipientId, versions.get(0).record());
            if (countedIn.isPresent()) {
                versions.forEach(v -> details.put(v.messageId(), "covered by " + csvName + "; source record "
                        + v.record().sourceRecordId() + " was already counted in " + countedIn.get()
                        + ", so it is not counted again"));
                return;
            }
            Entry latest = versions.stream().max(Comparator.comparing(
                    (Entry v) -> v.record().sourceVersion() == null ? Integer.MIN_VALUE : v.record().sourceVersion())
                    .thenComparing(versions::indexOf)).orElseThrow();
            rows.addAll(rows(latest.rowsJson()));
            for (Entry version : versions) {
                details.put(version.messageId(), version == latest ? "counted in " + csvName
                        : "covered by " + csvName + "; counted as its later version " + latest.record().sourceVersion()
                                + " (message " + latest.messageId() + ")");
            }
        });
        OutboundMapping mapping = outbound.mapping(recipient);
        try {
            FileRecipientTransport.write(folder, csvName, mapping.csv(rows).getBytes(StandardCharsets.UTF_8));
            FileRecipientTransport.write(folder, name + ".manifest.json", manifest(csvName, recipientId,
                    new ArrayList<>(details.keySet())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csvName + " for " + recipientId, e);
        }
        markAndRecord(recipientId, csvName, details);
        log.info("wrote {} for {} covering {} record(s)", csvName, recipientId, details.size());
        return Optional.of(folder.resolve(csvName));
    }

    private void markAndRecord(String recipientId, String csvName, Map<String, String> details) {
        details.forEach((messageId, detail) -> {
            jdbc.update("update batch_entry set file_name = ? where recipient = ? and message_id = ?", csvName,
                    recipientId, messageId);
            journey.event(messageId, "delivered", recipientId + "-file", recipientId, detail);
        });
    }

    /** The file (if any) in which an earlier version of this source record was counted. */
    private Optional<String> countedIn(String recipientId, RecordIdentity record) {
        return jdbc.queryForList("select file_name from batch_entry where recipient = ? and force_code = ?"
                        + " and system_id = ? and source_record_id = ? and file_name is not null order by file_name",
                String.class, recipientId, record.force(), record.system(), record.sourceRecordId())
                .stream().findFirst();
    }

    /**
     * A crash between writing a file and marking its records would count them again in the next file; the
     * manifest is written last, so any manifest whose file is unknown to the store marks its records now.
     */
    private void recover(String recipientId, Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path manifest : files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).sorted().toList()) {
                JsonNode content = CanonicalJson.mapper().readTree(manifest.toFile());
                String csvName = content.path("file").asText();
                Integer known = jdbc.queryForObject("select count(*) from batch_entry where recipient = ?"
                        + " and file_name = ?", Integer.class, recipientId, csvName);
                if (known != null && known == 0) {
                    Map<String, String> details = new LinkedHashMap<>();
                    content.path("messageIds").forEach(id -> details.put(id.asText(), "covered by " + csvName
                            + " (recorded after a restart)"));
                    markAndRecord(recipientId, csvName, details);
                    log.warn("{} of {} was written before a stop; its {} record(s) are now marked", csvName,
                            recipientId, details.size());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifests of " + recipientId, e);
        }
    }

    /** {@code <recipient>-<UTC date>}, or with -2, -3... when a file of that day exists already. */
    private String nextName(Path folder, String recipientId) {
        String base = recipientId + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String name = base;
        for (int n = 2; Files.exists(folder.resolve(name + ".csv")); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static byte[] manifest(String csvName, String recipientId, List<String> messageIds)
            throws JsonProcessingException {
        ObjectNode manifest = CanonicalJson.mapper().createObjectNode();
        manifest.put("file", csvName);
        manifest.put("recipient", recipientId);
        ArrayNode ids = manifest.putArray("messageIds");
        messageIds.forEach(ids::add);
        return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    }

    private static List<JsonNode> rows(String json) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            CanonicalJson.mapper().readTree(json).forEach(rows::add);
            return rows;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rows are not JSON", e);
        }
    }
}
