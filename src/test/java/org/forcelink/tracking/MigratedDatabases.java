package org.forcelink.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Empty tracking stores migrated by the real Flyway migrations, for tests that work on the database
 * without a hub: an in-memory H2 database in PostgreSQL mode, or a schema of its own
 * ({@code fl_it_<random>}) on the real PostgreSQL server, dropped by {@link #dropPostgresSchemas}.
 */
final class MigratedDatabases {

    private static final List<String> SCHEMAS = new ArrayList<>();

    private MigratedDatabases() {}

    static DataSource h2(String name) {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        return h2;
    }

    /** Fails, never skips, when the server does not answer. */
    static synchronized DataSource postgres() {
        PostgresHub.requireServer();
        String schema = "fl_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SCHEMAS.add(schema);
        DataSource postgres = new DriverManagerDataSource(PostgresHub.URL + (PostgresHub.URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema, PostgresHub.USER, PostgresHub.PASSWORD);
        Flyway.configure().dataSource(postgres).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        return postgres;
    }

    static synchronized void dropPostgresSchemas() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(PostgresHub.URL, PostgresHub.USER,
                PostgresHub.PASSWORD));
        SCHEMAS.forEach(schema -> jdbc.execute("drop schema if exists " + schema + " cascade"));
        SCHEMAS.clear();
    }
}
