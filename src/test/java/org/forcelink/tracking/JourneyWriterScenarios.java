package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journey writer against a real database that goes away and comes back: rows handed in during an
 * outage are spooled to disk without holding callers up and written once the database is back, a stop
 * during an outage spools everything for the next start, and a row the database refuses is set aside
 * without costing the rest of its batch. Subclasses give the database.
 */
abstract class JourneyWriterScenarios {

    private static final Duration WRITTEN = Duration.ofSeconds(30);

    @TempDir
    Path spoolDir;

    private SwitchableDataSource database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private JourneyRecorder recorder;
    private JourneySpool spool;

    /** A migrated, empty tracking store for one test. */
    abstract DataSource database();

    @BeforeEach
    void startWriter() {
        database = new SwitchableDataSource(database());
        jdbc = new JdbcTemplate(database);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        spool = new JourneySpool(spoolDir);
        recorder = new JourneyRecorder(jdbc, transactions, 50, spool, 1024 * 1024, Duration.ZERO);
        recorder.start();
    }

    @AfterEach
    void stopWriter() {
        database.up();
        recorder.stop();
    }

    @Test
    void messagesKeysPayloadsEventsAndDeliveriesAreWrittenAndTheDeliveryStateFollowsTheLatestStep() {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        recorder.message(message(id, at, Map.of("custodyNumber", List.of("46MA/1/26"), "pncId",
                List.of("2008/0123456X", "2008/0123456X"))));
        recorder.payload(new JourneyRecorder.PayloadRow(id, "kent", "custody", at, "application/json",
                "{\"raw\":true}".getBytes(), "{\"canonical\":true}", "canonical-json", "1"));
        recorder.event(id, at.plusMillis(1), "routed", "canonical-dispatch", "pnd", "subscription pnd");
        recorder.event(id, at.plusMillis(3), "delivered", "pnd-out", "pnd", "written");
        recorder.event(id, at.plusMillis(2), "failed", "pnd-out", "pnd", "an earlier failure, recorded late");
        recorder.delivery(new JourneyRecorder.DeliveryRow(id, "pnd", at.plusMillis(3), "subscription pnd: custody records",
                "sha256:abc", Hashes.sha256("{\"canonical\":true}"), "{\"canonical\":true}", null));

        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();

        assertThat(jdbc.queryForObject("select count(*) from message where message_id = ?", Integer.class, id)).isOne();
        assertThat(jdbc.queryForList("select key_type || '=' || key_value from business_key where message_id = ?"
                + " order by key_type", String.class, id)).containsExactly("custodyNumber=46MA/1/26",
                        "pncId=2008/0123456X");
        assertThat(jdbc.queryForObject("select canonical from payload where message_id = ?", String.class, id))
                .isEqualTo("{\"canonical\":true}");
        assertThat(jdbc.queryForList("select type from journey_event where message_id = ? order by at", String.class,
                id)).containsExactly("routed", "failed", "delivered");
        assertThat(jdbc.queryForObject("select status from delivery_state where message_id = ? and recipient = 'pnd'",
                String.class, id)).isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("select subscription_rule from delivery_log where message_id = ?", String.class,
                id)).isEqualTo("subscription pnd: custody records");
    }

    @Test
    void theDeliveryStateTakesEachStepUnlessARowHoldsALaterOne() {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        String fresh = UUID.randomUUID().toString();
        String replayed = UUID.randomUUID().toString();
        String overtaken = UUID.randomUUID().toString();
        String deliveredFirst = UUID.randomUUID().toString();
        String delivered = UUID.randomUUID().toString();
        // Rows another instance wrote: an earlier failure, a later delivery, an earlier routing.
        jdbc.update("insert into delivery_state (message_id, recipient, status, at) values (?, 'pnd', 'FAILED', ?)",
                replayed, Timestamp.from(at.minusSeconds(60)));
        jdbc.update("insert into delivery_state (message_id, recipient, status, at) values (?, 'pnd', 'DELIVERED', ?)",
                overtaken, Timestamp.from(at.plusSeconds(60)));
        jdbc.update("insert into delivery_state (message_id, recipient, status, at) values (?, 'pnd', 'PENDING', ?)",
                delivered, Timestamp.from(at.minusSeconds(60)));

        transactions.executeWithoutResult(status -> DeliveryStates.apply(jdbc, List.of(
                new JourneyRecorder.EventRow(fresh, at, "routed", "canonical-dispatch", "pnd", null),
                new JourneyRecorder.EventRow(replayed, at, "replayed", "replay", "pnd", null),
                new JourneyRecorder.EventRow(overtaken, at, "routed", "canonical-dispatch", "pnd", null),
                new JourneyRecorder.EventRow(deliveredFirst, at, "delivered", "pnd-out", "pnd", null),
                new JourneyRecorder.EventRow(delivered, at, "delivered", "pnd-out", "pnd", null))));

        assertThat(jdbc.queryForList("select status from delivery_state where message_id in (?, ?, ?, ?, ?)"
                + " order by case message_id when ? then 1 when ? then 2 when ? then 3 when ? then 4 else 5 end",
                String.class, fresh, replayed, overtaken, deliveredFirst, delivered,
                fresh, replayed, overtaken, deliveredFirst))
                .containsExactly("PENDING", "PENDING", "DELIVERED", "DELIVERED", "DELIVERED");
        assertThat(jdbc.queryForObject("select count(*) from delivery_state where message_id in (?, ?, ?, ?, ?)",
                Integer.class, fresh, replayed, overtaken, deliveredFirst, delivered)).isEqualTo(5);
    }

    @Test
    void recordsWithTheSameLineageShareOneStoredCopyAndEachReadsItsOwnBack() {
        String sameA = "[{\"field\":\"/crime/crimeReference\",\"source\":\"CRIME_REF\",\"rule\":\"trim\","
                + "\"mapping\":\"crime-csv 1\"}]";
        String other = "[{\"field\":\"/crime/crimeReference\",\"source\":\"CRIME_REF\",\"rule\":\"trim\","
                + "\"mapping\":\"crime-csv 1\"},{\"field\":\"/crime/status\",\"source\":\"STATUS\","
                + "\"rule\":\"lookup(table status)\",\"mapping\":\"crime-csv 1\"}]";
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < ids.size(); i++) {
            recorder.message(message(ids.get(i), at, Map.of()));
            recorder.lineage(ids.get(i), i == 1 ? other : sameA);
        }
        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        // A later batch with a lineage already stored adds no copy.
        String later = UUID.randomUUID().toString();
        recorder.message(message(later, at, Map.of()));
        recorder.lineage(later, sameA);
        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();

        assertThat(jdbc.queryForList("select lineage from lineage_shape", String.class))
                .containsExactlyInAnyOrder(sameA, other);
        JourneyQueries journeys = new JourneyQueries(jdbc);
        assertThat(journeys.find(ids.get(0)).orElseThrow().lineage().toString()).isEqualTo(sameA);
        assertThat(journeys.find(ids.get(1)).orElseThrow().lineage().toString()).isEqualTo(other);
        assertThat(journeys.find(ids.get(2)).orElseThrow().lineage().toString()).isEqualTo(sameA);
        assertThat(journeys.find(later).orElseThrow().lineage().toString()).isEqualTo(sameA);
    }

    @Test
    void aLineageStoredWholeBeforeShapesIsStillReadBack() {
        String id = UUID.randomUUID().toString();
        String lineage = "[{\"field\":\"/custody/custodyNumber\",\"source\":\"custody_no\",\"rule\":\"trim\","
                + "\"mapping\":\"niche-custody 2\"}]";
        recorder.message(message(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), Map.of()));
        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        jdbc.update("insert into message_lineage (message_id, lineage) values (?, ?)", id, lineage);

        assertThat(new JourneyQueries(jdbc).find(id).orElseThrow().lineage().toString()).isEqualTo(lineage);
    }

    @Test
    void rowsTricklingInWithinTheLingerAreWrittenInOneTransactionAndAStopDoesNotWaitForTheLinger() {
        recorder.stop();
        AtomicInteger commits = new AtomicInteger();
        TransactionTemplate counting = new TransactionTemplate(new DataSourceTransactionManager(database)) {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                commits.incrementAndGet();
                return super.execute(action);
            }
        };
        recorder = new JourneyRecorder(jdbc, counting, 50, spool, 1024 * 1024, Duration.ofSeconds(30));
        recorder.start();
        String id = UUID.randomUUID().toString();

        recorder.event(id, "received", "first", null, null);
        // the writer has taken the first row and lingers for more
        await().atMost(WRITTEN).until(() -> recorder.queued() == 0);
        recorder.event(id, "mapped", "second", null, null);
        recorder.event(id, "routed", "third", "pnd", null);
        assertThat(commits).hasValue(0);
        long stopping = System.nanoTime();
        recorder.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        assertThat(commits).hasValue(1);
        assertThat(jdbc.queryForList("select actor from journey_event where message_id = ? order by event_id",
                String.class, id)).containsExactly("first", "second", "third");
    }

    @Test
    void rowsHandedInDuringAnOutageAreSpooledAndWrittenOnceTheDatabaseIsBack() {
        String id = UUID.randomUUID().toString();
        database.down();

        recorder.message(message(id, Instant.now(), Map.of()));
        for (int i = 0; i < 1000; i++) {
            recorder.event(id, "mapped", "step " + i, null, null);
        }

        await().atMost(WRITTEN).until(() -> !spool.isEmpty() && spooledRows() == 1001);
        assertThat(recorder.isIdle()).isFalse();
        database.up();
        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from journey_event where message_id = ?", Integer.class, id))
                .isEqualTo(1000);
        assertThat(jdbc.queryForObject("select count(*) from message where message_id = ?", Integer.class, id)).isOne();
        assertThat(spool.files()).isEmpty();
    }

    @Test
    void stoppingDuringAnOutageSpoolsEverythingAndTheNextStartWritesIt() {
        String id = UUID.randomUUID().toString();
        database.down();
        for (int i = 0; i < 300; i++) {
            recorder.event(id, "routed", "step " + i, "pnd", null);
        }

        recorder.stop();

        assertThat(spooledRows()).isEqualTo(300);
        database.up();
        recorder = new JourneyRecorder(jdbc, transactions, 50, new JourneySpool(spoolDir), 1024 * 1024, Duration.ZERO);
        recorder.start();
        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from journey_event where message_id = ?", Integer.class, id))
                .isEqualTo(300);
        assertThat(jdbc.queryForObject("select status from delivery_state where message_id = ?", String.class, id))
                .isEqualTo("PENDING");
    }

    @Test
    void aRowTheDatabaseRefusesIsSetAsideAndTheRestOfItsBatchIsWritten() throws IOException {
        String id = UUID.randomUUID().toString();
        String tooLong = "x".repeat(40);
        database.down();
        recorder.event(id, "received", "kent-hub", null, "before");
        recorder.event(tooLong, "received", "kent-hub", null, "a message id longer than any the hub makes");
        recorder.event(id, "mapped", "mapping", null, "after");
        await().atMost(WRITTEN).until(() -> spooledRows() == 3);

        database.up();

        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        assertThat(jdbc.queryForList("select detail from journey_event where message_id = ? order by at, event_id",
                String.class, id)).containsExactly("before", "after");
        List<String> setAside = Files.readAllLines(spoolDir.resolve("rejected.jsonl"));
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0)).contains("\"messageId\":\"" + tooLong + "\"").contains("\"refused\":");
    }

    @Test
    void aMessageRowWrittenTwiceIsKeptOnce() {
        String id = UUID.randomUUID().toString();
        JourneyRecorder.MessageRow row = message(id, Instant.now(), Map.of("crimeReference", List.of("46/1/26")));

        recorder.message(row);
        recorder.message(row);

        assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from message where message_id = ?", Integer.class, id)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from business_key where message_id = ?", Integer.class, id))
                .isOne();
    }

    private long spooledRows() {
        long rows = 0;
        for (Path file : spool.files()) {
            try {
                rows += spool.read(file).size();
            } catch (IOException e) {
                return -1;
            }
        }
        return rows;
    }

    private static JourneyRecorder.MessageRow message(String id, Instant at, Map<String, List<String>> keys) {
        return new JourneyRecorder.MessageRow(id, "kent", "custody", "custody", "46MA/1/26", 1, "ACCEPTED", at, "[]",
                keys);
    }
}
