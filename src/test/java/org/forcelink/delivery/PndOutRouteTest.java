package org.forcelink.delivery;

/** routes/pnd-out.camel.yaml: crime records (the sample has a £, so the file's UTF-8 is checked too). */
class PndOutRouteTest extends AbstractFileDeliveryRouteTest {

    PndOutRouteTest() {
        super("pnd", "crime.json");
    }
}
