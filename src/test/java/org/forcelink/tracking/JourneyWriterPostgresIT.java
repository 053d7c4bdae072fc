package org.forcelink.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link JourneyWriterScenarios} on the real PostgreSQL server, one schema per test ({@code fl_it_<random>}),
 * all dropped afterwards. Fails, never skips, when the server does not answer.
 */
class JourneyWriterPostgresIT extends JourneyWriterScenarios {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @Override
    DataSource database() {
        PostgresHub.requireServer();
        String schema = "fl_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SCHEMAS.add(schema);
        DataSource postgres = new DriverManagerDataSource(PostgresHub.URL + (PostgresHub.URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema, PostgresHub.USER, PostgresHub.PASSWORD);
        Flyway.configure().dataSource(postgres).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        return postgres;
    }

    @AfterAll
    static void dropSchemas() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(PostgresHub.URL, PostgresHub.USER,
                PostgresHub.PASSWORD));
        SCHEMAS.forEach(schema -> jdbc.execute("drop schema if exists " + schema + " cascade"));
    }
}
