package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

class DeliveryHoldsTest {

    private static final Instant HELD_AT = Instant.parse("2026-11-29T00:30:00Z");
    private static final RecordIdentity VERSION_1 = new RecordIdentity("m-1", "kent", "custody", "KT-C-1", 1);

    private EmbeddedDatabase database;
    private final AtomicInteger queries = new AtomicInteger();
    private DeliveryHolds holds;

    @BeforeEach
    void createStore() {
        database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true)
                .addScript("file:src/main/resources/db/migration/V6__recipient_holds_and_batches.sql").build();
        JdbcTemplate jdbc = new JdbcTemplate(database) {
            @Override
            public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
                queries.incrementAndGet();
                return super.query(sql, rowMapper, args);
            }
        };
        holds = new DeliveryHolds(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)));
        holds.hold("pnd", VERSION_1, "missing required field /custody/custodyNumber", HELD_AT);
    }

    @AfterEach
    void dropStore() {
        database.shutdown();
    }

    @Test
    void aCorrectedVersionReleasesTheHoldOfTheEarlierOne() {
        RecordIdentity version2 = new RecordIdentity("m-2", "kent", "custody", "KT-C-1", 2);

        assertThat(holds.releaseCorrected("pnd", version2)).hasValueSatisfying(hold -> {
            assertThat(hold.record()).isEqualTo(VERSION_1);
            assertThat(hold.reason()).isEqualTo("missing required field /custody/custodyNumber");
        });
        assertThat(holds.find("pnd", VERSION_1)).isEmpty();
    }

    @Test
    void aRecordWithoutAVersionReleasesNothingAndIsAnsweredWithoutAQuery() {
        RecordIdentity unversioned = new RecordIdentity("m-2", "kent", "custody", "KT-C-1", null);

        assertThat(holds.releaseCorrected("pnd", unversioned)).isEmpty();

        assertThat(queries).hasValue(0);
        assertThat(holds.find("pnd", VERSION_1)).map(DeliveryHolds.Hold::record).hasValue(VERSION_1);
    }

    @Test
    void anotherRecipientsHoldIsNotReleased() {
        RecordIdentity version2 = new RecordIdentity("m-2", "kent", "custody", "KT-C-1", 2);

        assertThat(holds.releaseCorrected("cps", version2)).isEmpty();
        assertThat(holds.find("pnd", VERSION_1)).isPresent();
    }
}
