package org.forcelink.tracking;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search-by-key latency at a million records on PostgreSQL; not a timed test, run on demand with
 * {@code mvn -o -Pbenchmark test} (docs/benchmarks.md). Seeds a schema of its own through the real
 * Flyway migrations with one million journey records (message rows, three to four business keys each,
 * four journey events and a delivery state), then times a few thousand random lookups through
 * {@link JourneySearch}, the code behind {@code GET /api/v1/messages}, and drops the schema.
 * {@code -Dbench.records}, {@code -Dbench.lookups} and {@code -Dbench.keep=true} change the defaults.
 */
class SearchBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 5_000);
    private static final int WARM_UP = 500;
    /** Distinct people: each PNC ID appears on about three records, as a person does across systems. */
    private static final int PEOPLE = RECORDS * 3 / 10;
    private static final String[] TYPES = {"custody", "crime", "nominal", "caseFile", "intelligence"};

    @Test
    void searchByBusinessKeyAtAMillionRecords() throws Exception {
        PostgresHub.requireServer();
        String schema = "fl_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgresHub.URL + (PostgresHub.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(PostgresHub.USER);
        config.setPassword(PostgresHub.PASSWORD);
        // One connection: the seed table is temporary, and the lookups run one after another anyway.
        config.setMaximumPoolSize(1);
        StringBuilder report = new StringBuilder();
        try (HikariDataSource database = new HikariDataSource(config)) {
            Flyway.configure().dataSource(config.getJdbcUrl(), config.getUsername(), config.getPassword())
                    .schemas(schema).createSchemas(true).locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(database);
            long seedStart = System.nanoTime();
            seed(jdbc, forces());
            Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);
            JourneySearch search = new JourneySearch(jdbc);
            Random random = new Random(20261129);

            line(report, "ForceLink search benchmark, %s", Instant.now());
            line(report, "machine: %d cores (%s), %s, Java %s; PostgreSQL %s", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.arch"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.version"), jdbc.queryForObject("show server_version", String.class));
            line(report, "seeded %,d records: %,d business keys, %,d journey events, %,d delivery states in %d s",
                    count(jdbc, "message"), count(jdbc, "business_key"), count(jdbc, "journey_event"),
                    count(jdbc, "delivery_state"), seeding.toSeconds());
            line(report, "database size %s", jdbc.queryForObject("select pg_size_pretty(sum(pg_total_relation_size("
                    + "quote_ident(table_schema) || '.' || quote_ident(table_name)))) from information_schema.tables"
                    + " where table_schema = ?", String.class, schema));
            line(report, "");
            time(report, "key = custody number / crime reference / URN (1 record)", () -> criteria(
                    uniqueKey(random.nextInt(RECORDS) + 1)), search);
            time(report, "key = PNC ID (about 3 records)", () -> criteria(pnc(random.nextInt(PEOPLE))), search);
            time(report, "key = mixed (40% record keys, 40% PNC IDs, 10% ASN, 10% unknown)", () -> {
                int pick = random.nextInt(10);
                int record = random.nextInt(RECORDS) + 1;
                String key = pick < 4 ? uniqueKey(record) : pick < 8 ? pnc(random.nextInt(PEOPLE))
                        : pick < 9 ? asn(record - record % 5 + 3) : "UNKNOWN/" + record;
                return criteria(key);
            }, search);
            time(report, "key = PNC ID and type = custody", () -> {
                int person = random.nextInt(PEOPLE);
                return new SearchCriteria(pnc(person), null, "custody", null, null, null, null, 50, null);
            }, search);
            time(report, "no key: one force, last 7 days, newest 50", () -> new SearchCriteria(null,
                    "kent", null, null, null, Instant.now().minus(Duration.ofDays(7)), null, 50, null), search);
            System.out.print(report);
            Path out = Path.of("target", "benchmark", "search.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                try (HikariDataSource admin = new HikariDataSource(adminConfig())) {
                    new JdbcTemplate(admin).execute("drop schema if exists " + schema + " cascade");
                }
            }
        }
    }

    private static SearchCriteria criteria(String key) {
        return new SearchCriteria(key, null, null, null, null, null, null, 50, null);
    }

    private static void time(StringBuilder report, String name, Supplier<SearchCriteria> next, JourneySearch search) {
        for (int i = 0; i < WARM_UP; i++) {
            search.search(next.get());
        }
        long[] nanos = new long[LOOKUPS];
        long hits = 0;
        long start = System.nanoTime();
        for (int i = 0; i < LOOKUPS; i++) {
            SearchCriteria criteria = next.get();
            long t = System.nanoTime();
            hits += search.search(criteria).items().size();
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        line(report, "%-62s %,6d lookups  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %5.1f hits/lookup"
                + "  %,5.0f lookups/s", name, LOOKUPS, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6, hits / (double) LOOKUPS, LOOKUPS / (total / 1e9));
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Generates the records inside PostgreSQL: a million rows in seconds rather than a million round trips. */
    private static void seed(JdbcTemplate jdbc, List<String> forces) {
        String forceArray = "array[" + String.join(",", forces.stream().map(f -> "'" + f + "'").toList()) + "]";
        String types = "array['custody','crime','nominal','caseFile','intelligence']";
        jdbc.execute("create temporary table seed as select i,"
                + " md5('forcelink-bench-' || i) as h,"
                + " (" + forceArray + ")[1 + i % " + forces.size() + "] as force_code,"
                + " (" + types + ")[1 + i % 5] as record_type,"
                + " now() - ((" + RECORDS + " - i) * interval '31536 milliseconds') as received_at"
                + " from generate_series(1, " + RECORDS + ") as i");
        jdbc.execute("insert into message (message_id, force_code, system_id, record_type, source_record_id,"
                + " source_version, status, received_at, exceptions)"
                + " select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8'"
                + " || substr(h, 18, 3) || '-' || substr(h, 21, 12), force_code,"
                + " case record_type when 'custody' then 'custody' when 'crime' then 'crime' else 'records' end,"
                + " record_type, " + uniqueKeySql() + ", 1 + i % 3,"
                + " case when i % 100 = 0 then 'REJECTED' when i % 7 = 0 then 'ACCEPTED_WITH_EXCEPTIONS'"
                + " else 'ACCEPTED' end, received_at, '[]' from seed");
        String id = "substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3)"
                + " || '-' || substr(h, 21, 12)";
        jdbc.execute("insert into business_key (message_id, key_type, key_value)"
                + " select " + id + ", 'sourceRecordId', " + uniqueKeySql() + " from seed"
                + " union all select " + id + ", case record_type when 'custody' then 'custodyNumber'"
                + " when 'crime' then 'crimeReference' when 'caseFile' then 'urn' when 'intelligence'"
                + " then 'intelligenceId' end, " + uniqueKeySql() + " from seed where record_type <> 'nominal'"
                + " union all select " + id + ", 'pncId', " + pncSql() + " from seed where record_type <> 'intelligence'"
                + " union all select " + id + ", 'asn', " + asnSql() + " from seed where record_type = 'caseFile'");
        jdbc.execute("insert into journey_event (message_id, at, type, actor, recipient, detail)"
                + " select " + id + ", received_at + step * interval '40 milliseconds',"
                + " (array['received','mapped','routed','delivered'])[step],"
                + " (array['hub','mapping canonical-json v1','canonical-dispatch','pnd-out'])[step],"
                + " case when step >= 3 then 'pnd' end, 'benchmark' from seed, generate_series(1, 4) as step");
        jdbc.execute("insert into delivery_state (message_id, recipient, status, at)"
                + " select " + id + ", 'pnd', case when i % 50 = 0 then 'FAILED' else 'DELIVERED' end,"
                + " received_at + interval '160 milliseconds' from seed");
        jdbc.execute("drop table seed");
        jdbc.execute("analyze");
    }

    /** The record's own key: custody number, crime reference, URN or intelligence id by type. */
    private static String uniqueKeySql() {
        return "(array['46MA/','46/','KT-P-','46KA','KT-INT-'])[1 + i % 5] || lpad(i::text, 8, '0')";
    }

    private static String uniqueKey(int i) {
        String[] prefixes = {"46MA/", "46/", "KT-P-", "46KA", "KT-INT-"};
        return prefixes[i % 5] + String.format("%08d", i);
    }

    private static String pncSql() {
        return "(2000 + (i % " + PEOPLE + ") % 25)::text || '/' || lpad((i % " + PEOPLE + ")::text, 7, '0')"
                + " || chr(65 + (i % " + PEOPLE + ") % 26)";
    }

    private static String pnc(int person) {
        return String.format("%d/%07d%c", 2000 + person % 25, person, (char) ('A' + person % 26));
    }

    private static String asnSql() {
        return "'2646KT01' || lpad(i::text, 11, '0') || 'V'";
    }

    private static String asn(int i) {
        return String.format("2646KT01%011dV", i);
    }

    private static List<String> forces() throws IOException {
        List<String> forces = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("config/reference/forces.csv")).subList(1, 45)) {
            forces.add(line.substring(0, line.indexOf(',')));
        }
        return forces;
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static HikariConfig adminConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgresHub.URL);
        config.setUsername(PostgresHub.USER);
        config.setPassword(PostgresHub.PASSWORD);
        config.setMaximumPoolSize(1);
        return config;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
