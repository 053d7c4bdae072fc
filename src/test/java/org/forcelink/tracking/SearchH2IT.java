package org.forcelink.tracking;

/** {@link SearchScenarios} on H2. */
class SearchH2IT extends H2Hub implements SearchScenarios {}
