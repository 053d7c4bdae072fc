package org.forcelink.tracking;

/** {@link AuditScenarios} on PostgreSQL. */
class AuditPostgresIT extends PostgresHub implements AuditScenarios {}
