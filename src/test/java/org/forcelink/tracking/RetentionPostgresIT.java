package org.forcelink.tracking;

/** {@link RetentionScenarios} on PostgreSQL. */
class RetentionPostgresIT extends PostgresHub implements RetentionScenarios {}
