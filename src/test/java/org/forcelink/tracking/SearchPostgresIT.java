package org.forcelink.tracking;

/** {@link SearchScenarios} on PostgreSQL. */
class SearchPostgresIT extends PostgresHub implements SearchScenarios {}
