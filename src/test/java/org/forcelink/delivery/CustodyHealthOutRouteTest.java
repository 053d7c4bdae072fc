package org.forcelink.delivery;

/** routes/custody-health-out.camel.yaml: the only record type it receives, custody. */
class CustodyHealthOutRouteTest extends AbstractFileDeliveryRouteTest {

    CustodyHealthOutRouteTest() {
        super("custody-health", "custody-with-medication.json");
    }
}
