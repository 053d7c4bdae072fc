package org.forcelink.tracking;

import javax.sql.DataSource;

/** {@link IdempotencyClaimsScenarios} on an in-memory H2 database in PostgreSQL mode, migrated by Flyway. */
class IdempotencyClaimsH2IT extends IdempotencyClaimsScenarios {

    @Override
    DataSource database() {
        return MigratedDatabases.h2("idempotencyclaims");
    }
}
