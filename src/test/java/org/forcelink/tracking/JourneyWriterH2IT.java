package org.forcelink.tracking;

import javax.sql.DataSource;

/** {@link JourneyWriterScenarios} on an in-memory H2 database in PostgreSQL mode, migrated by Flyway. */
class JourneyWriterH2IT extends JourneyWriterScenarios {

    @Override
    DataSource database() {
        return MigratedDatabases.h2("journeywriter");
    }
}
