package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Subscriptions;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The start-up checks of subscriptions against mappings, forces and the development stubs. */
class DeliveryConfigurationTest {

    private static final Subscriptions SUBSCRIPTIONS = Subscriptions.load(Path.of("config/subscriptions.yaml"));
    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("config/reference"));

    private static MockEnvironment environment(boolean stubs) {
        return new MockEnvironment()
                .withProperty("server.port", "8080")
                .withProperty("forcelink.stubs.enabled", String.valueOf(stubs))
                .withProperty("forcelink.stubs.base-url", "http://127.0.0.1:${local.server.port:${server.port}}/stubs");
    }

    @Test
    void theSampleSubscriptionsMatchTheMappingsAndForces() {
        assertThatCode(() -> DeliveryConfiguration.check(SUBSCRIPTIONS,
                OutboundMappings.load(Path.of("mappings"), REFERENCE),
                new TransferFormats(List.of(new CanonicalJsonTransferFormat())),
                ForceRegistry.load(Path.of("config/forces"), REFERENCE))).doesNotThrowAnyException();
    }

    @Test
    void aMissingMappingStopsStartUp() {
        assertThatThrownBy(() -> DeliveryConfiguration.check(SUBSCRIPTIONS, new OutboundMappings(java.util.Map.of()),
                new TransferFormats(List.of(new CanonicalJsonTransferFormat())),
                ForceRegistry.load(Path.of("config/forces"), REFERENCE)))
                .hasMessage("config/subscriptions.yaml: recipient pnd names mapping pnd-xml, which is not a folder"
                        + " with outbound.yaml under mappings/");
    }

    @Test
    void withoutStubsARecipientStillPointingAtThemStopsStartUp() {
        assertThatCode(() -> DeliveryConfiguration.checkNotStubbed(SUBSCRIPTIONS, environment(true)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> DeliveryConfiguration.checkNotStubbed(SUBSCRIPTIONS, environment(false)))
                .hasMessage("recipient pnd would deliver to the development stubs"
                        + " (${FORCELINK_PND_URL:${forcelink.stubs.base-url}/pnd}), which are off"
                        + " (forcelink.stubs.enabled=false): set its address");
        MockEnvironment production = environment(false)
                .withProperty("FORCELINK_PND_URL", "https://pnd.example.police.uk/records")
                .withProperty("FORCELINK_CPS_URL", "https://cps.example.gov.uk/case-files")
                .withProperty("FORCELINK_ESSEX_CUSTODY_URL", "https://custody.essex.example/records")
                .withProperty("FORCELINK_MET_RECORDS_URL", "https://records.met.example/deliver");
        assertThatCode(() -> DeliveryConfiguration.checkNotStubbed(SUBSCRIPTIONS, production))
                .doesNotThrowAnyException();
    }
}
