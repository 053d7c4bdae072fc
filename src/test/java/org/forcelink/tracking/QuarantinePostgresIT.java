package org.forcelink.tracking;

/** {@link QuarantineScenarios} on PostgreSQL. */
class QuarantinePostgresIT extends PostgresHub implements QuarantineScenarios {}
