package org.forcelink.tracking;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link JourneyWriterScenarios} on the real PostgreSQL server, one schema per test ({@code fl_it_<random>}),
 * all dropped afterwards. Fails, never skips, when the server does not answer.
 */
class JourneyWriterPostgresIT extends JourneyWriterScenarios {

    @Override
    DataSource database() {
        return MigratedDatabases.postgres();
    }

    @AfterAll
    static void dropSchemas() {
        MigratedDatabases.dropPostgresSchemas();
    }
}
