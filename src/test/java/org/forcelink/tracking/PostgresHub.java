package org.forcelink.tracking;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tracking scenarios' hub on the real PostgreSQL server (FORCELINK_TEST_PG_URL, _USER, _PASSWORD;
 * by default the server on this machine, database test), in a schema of its own ({@code fl_it_<random>})
 * that Flyway creates and the context drops when it closes. When the server does not answer, the
 * context fails to start with that reason: these tests fail, never skip.
 */
@Import(PostgresHub.DropSchema.class)
public abstract class PostgresHub extends TrackingHubSupport {

    static final String URL = env("FORCELINK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("FORCELINK_TEST_PG_USER", "postgres");
    static final String PASSWORD = env("FORCELINK_TEST_PG_PASSWORD", "");
    static final String SCHEMA = "fl_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static final Path HOME = TrackingHome.create();
    private static final Path DATA = tempDir("forcelink-it-pg-");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        requireServer();
        registry.add("forcelink.data-dir", DATA::toString);
        registry.add("forcelink.home", HOME::toString);
        registry.add("spring.artemis.broker-url", () -> "vm://12");
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + freePort());
        registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    static void requireServer() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + URL + " as " + USER + " ("
                    + e.getMessage() + "); start it (.ci/run does) or point FORCELINK_TEST_PG_URL at one", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Drops the run's schema when the hub's context closes, after the journey writer has flushed. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchema {
        @Bean
        DisposableBean dropTestSchema(JdbcTemplate jdbc) {
            return () -> jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }
}
