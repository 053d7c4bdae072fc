package org.forcelink.tracking;

/** {@link QuarantineScenarios} on H2. */
class QuarantineH2IT extends H2Hub implements QuarantineScenarios {}
