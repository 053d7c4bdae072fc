package org.forcelink.tracking;

/** {@link RetentionScenarios} on H2. */
class RetentionH2IT extends H2Hub implements RetentionScenarios {}
