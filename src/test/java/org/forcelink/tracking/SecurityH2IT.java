package org.forcelink.tracking;

/** {@link SecurityScenarios} on H2. */
class SecurityH2IT extends H2Hub implements SecurityScenarios {}
