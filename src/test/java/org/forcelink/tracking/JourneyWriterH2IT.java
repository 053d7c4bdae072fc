package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link JourneyWriterScenarios} on an in-memory H2 database in PostgreSQL mode, migrated by Flyway. */
class JourneyWriterH2IT extends JourneyWriterScenarios {

    @Override
    DataSource database() {
        return MigratedDatabases.h2("journeywriter");
    }

    /** db/vendor/h2: the journey's identity columns refill their sequences a thousand values at a time. */
    @Test
    void identityValuesOfTheJourneyTablesAreCachedAThousandAtATime() {
        List<Map<String, Object>> columns = new JdbcTemplate(database()).queryForList("select table_name, column_name,"
                + " identity_cache from information_schema.columns where is_identity = 'YES'"
                + " and table_schema = 'public' order by table_name");

        assertThat(columns).extracting(c -> c.get("table_name") + "." + c.get("column_name") + "=" + c.get("identity_cache"))
                .containsExactly("access_log.access_id=1000", "delivery_log.delivery_id=1000",
                        "journey_event.event_id=1000", "operator_audit.audit_id=1000", "retention_run.run_id=32");
    }
}
