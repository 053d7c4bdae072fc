package org.forcelink.tracking;

/** {@link SecurityScenarios} on PostgreSQL. */
class SecurityPostgresIT extends PostgresHub implements SecurityScenarios {}
