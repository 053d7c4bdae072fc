package org.forcelink.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channels a system declares in config/forces: read, defaulted to HTTP, and checked. */
class ForceRegistryChannelsTest {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("config/reference"));

    @TempDir
    Path forces;

    @Test
    void sampleConfigDeclaresOneSystemPerChannel() {
        ForceRegistry registry = ForceRegistry.load(Path.of("config/forces"), REFERENCE);

        assertThat(registry.system("kent", "custody").orElseThrow().channels())
                .containsExactlyInAnyOrder(Channel.HTTP, Channel.SOAP, Channel.JMS);
        assertThat(registry.systemsUsing(Channel.FILE)).extracting(s -> s.force() + "/" + s.system().id())
                .contains("kent/custody-export", "kent/custody-legacy").doesNotContain("kent/custody");
        assertThat(registry.systemsUsing(Channel.JMS)).extracting(s -> s.force() + "/" + s.system().id())
                .contains("kent/custody", "kent/intel").doesNotContain("kent/crime");
        assertThat(registry.systemsUsing(Channel.HTTP)).extracting(s -> s.force() + "/" + s.system().id())
                .contains("essex/custody", "kent/custody", "kent/crime", "metropolitan/records")
                .doesNotContain("kent/custody-export", "kent/intel");
    }

    @Test
    void systemThatNamesNoChannelSubmitsOverHttp() throws IOException {
        Files.writeString(forces.resolve("kent.yaml"), """
                force: kent
                systems:
                  custody:
                    family: canonical-json
                    contentTypes: [application/json]
                """);

        SourceSystem custody = ForceRegistry.load(forces, REFERENCE).system("kent", "custody").orElseThrow();

        assertThat(custody.channels()).isEqualTo(Set.of(Channel.HTTP));
        assertThat(custody.uses(Channel.FILE)).isFalse();
    }

    @Test
    void oneChannelCanBeNamedOnItsOwn() throws IOException {
        Files.writeString(forces.resolve("kent.yaml"), """
                force: kent
                systems:
                  intel:
                    family: canonical-json
                    contentTypes: [application/json]
                    channel: jms
                """);

        assertThat(ForceRegistry.load(forces, REFERENCE).system("kent", "intel").orElseThrow().channels())
                .isEqualTo(Set.of(Channel.JMS));
    }

    @Test
    void channelAndChannelsTogetherAreRefused() throws IOException {
        Path file = Files.writeString(forces.resolve("kent.yaml"), """
                force: kent
                systems:
                  intel:
                    family: canonical-json
                    contentTypes: [application/json]
                    channel: jms
                    channels: [http]
                """);

        assertThatThrownBy(() -> ForceRegistry.load(forces, REFERENCE))
                .hasMessage(file + ":4: system 'intel' declares both channel and channels; keep one");
    }

    @Test
    void unknownChannelIsRefusedNamingFileAndSystem() throws IOException {
        Path file = Files.writeString(forces.resolve("kent.yaml"), """
                force: kent
                systems:
                  custody:
                    family: canonical-json
                    contentTypes: [application/json]
                    channels: [http, ftp]
                """);

        assertThatThrownBy(() -> ForceRegistry.load(forces, REFERENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + ":6: system 'custody' declares unknown channel 'ftp' (known: http, soap, file, jms)");
    }
}
