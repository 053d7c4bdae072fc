package org.forcelink.tracking;

/** {@link ReplayScenarios} on H2. */
class ReplayH2IT extends H2Hub implements ReplayScenarios {}
