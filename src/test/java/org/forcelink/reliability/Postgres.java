package org.forcelink.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the multi-instance test shares between hubs (127.0.0.1:5432, database
 * {@code test}, user {@code postgres}, trust authentication, as CI provides). Each run gets its own
 * schema, created by the hubs' Flyway and dropped afterwards. An unreachable server fails the test.
 */
final class Postgres {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private Postgres() {}

    /** A schema name for one run; fails loudly when PostgreSQL cannot be reached. */
    static String newSchema() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + URL + " as " + USER
                    + " (.ci/run starts it; locally: pg_ctlcluster <version> main start): " + e.getMessage(), e);
        }
        return "reliability_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** The JDBC URL of a hub using that schema. */
    static String url(String schema) {
        return URL + "?currentSchema=" + schema;
    }

    static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    static HubProcess use(HubProcess hub, String schema) {
        return hub.with("spring.datasource.url", url(schema))
                .with("spring.datasource.username", USER)
                .with("spring.datasource.password", "")
                .with("spring.flyway.schemas", schema)
                .with("spring.flyway.create-schemas", "true");
    }
}
