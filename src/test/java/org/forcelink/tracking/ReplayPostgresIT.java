package org.forcelink.tracking;

/** {@link ReplayScenarios} on PostgreSQL. */
class ReplayPostgresIT extends PostgresHub implements ReplayScenarios {}
