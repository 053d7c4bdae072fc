package org.forcelink.tracking;

/** {@link AuditScenarios} on H2. */
class AuditH2IT extends H2Hub implements AuditScenarios {}
