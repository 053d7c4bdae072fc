package org.forcelink.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL for a hub under benchmark ({@code bench.database=postgres}), as the production set-up runs it:
 * the server of {@code FORCELINK_TEST_PG_URL} (default 127.0.0.1:5432, database {@code test}, user
 * {@code postgres}), one schema per hub ({@code fl_bench_<random>}), dropped when the hub is closed.
 */
final class BenchDatabase {

    private static final String URL = env("FORCELINK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("FORCELINK_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("FORCELINK_TEST_PG_PASSWORD", "");

    private BenchDatabase() {}

    static String createSchema() {
        String schema = "fl_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create schema " + schema);
        return schema;
    }

    static void dropSchema(String schema) {
        execute("drop schema if exists " + schema + " cascade");
    }

    /** The hub's settings for its tracking store in {@code schema}. */
    static List<String> hubArguments(String schema) {
        return List.of("--spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " did not take: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
