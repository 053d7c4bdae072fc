package org.forcelink.tracking;

/** {@link IdempotencyScenarios} on PostgreSQL. */
class IdempotencyPostgresIT extends PostgresHub implements IdempotencyScenarios {}
