package org.forcelink.tracking;

/** {@link IdempotencyScenarios} on H2. */
class IdempotencyH2IT extends H2Hub implements IdempotencyScenarios {}
