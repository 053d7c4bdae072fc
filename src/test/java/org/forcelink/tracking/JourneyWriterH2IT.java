package org.forcelink.tracking;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link JourneyWriterScenarios} on an in-memory H2 database in PostgreSQL mode, migrated by Flyway. */
class JourneyWriterH2IT extends JourneyWriterScenarios {

    @Override
    DataSource database() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:writer-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }
}
