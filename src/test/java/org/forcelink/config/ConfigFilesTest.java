package org.forcelink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.mapping.CanonicalJsonMapper;
import org.forcelink.mapping.MappingCatalog;
import org.forcelink.mapping.MappingCompiler;
import org.forcelink.mapping.ReferenceLists;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceConfig;
import org.forcelink.registry.ForceRegistry;
import org.junit.jupiter.api.Test;

/** Every mapping folder and every force file of the project loads, and all 44 forces are connected. */
class ConfigFilesTest {

    @Test
    void everyMappingAndForceFileLoadsAndEveryForceHasASystemAndItsOwnToken() {
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(Path.of("config/completeness.yaml")));
        ReloadStatus status = new ReloadStatus(Clock.systemUTC());
        MappingCatalog catalog = new MappingCatalog(Path.of("mappings"),
                new MappingCompiler(new ReferenceLists(Path.of("config/reference")), validator), status).loadAll();
        SourceMappers mappers = new SourceMappers(List.of(new CanonicalJsonMapper(validator)), catalog);

        ForceRegistry registry = ForceRegistry.load(Path.of("config/forces"), reference, mappers::knows, status);

        assertThat(status.problems()).isEmpty();
        assertThat(catalog.familyFolders()).extracting(p -> p.getFileName().toString())
                .containsExactly("casefile-xml", "crime-csv", "custody-fixed-width", "intel-xml", "rms-json");
        assertThat(registry.forces()).extracting(ForceConfig::force)
                .containsExactlyInAnyOrderElementsOf(reference.forces().keySet());
        assertThat(registry.forces()).hasSize(44);
        for (ForceConfig force : registry.forces()) {
            assertThat(force.systems()).as(force.force()).isNotEmpty();
            assertThat(force.credentials().get(0).tokenEnv())
                    .isEqualTo("FORCELINK_TOKEN_" + force.force().toUpperCase().replace('-', '_'));
            assertThat(force.credentials().get(0).devToken()).isEqualTo("dev-token-" + force.force());
        }
        List<String> athena = List.of("bedfordshire", "cambridgeshire", "essex", "hertfordshire", "kent", "norfolk",
                "suffolk", "warwickshire", "west-mercia");
        for (String force : athena) {
            assertThat(registry.system(force, "casefile")).as(force).hasValueSatisfying(s -> {
                assertThat(s.family()).isEqualTo("casefile-xml");
                assertThat(s.channels()).containsExactly(org.forcelink.registry.Channel.SOAP);
            });
            assertThat(catalog.forForce("casefile-xml", force)).get().extracting(m -> ((org.forcelink.mapping.CompiledMapping) m).version())
                    .isEqualTo("1+" + force + ".1");
        }
    }

    @Test
    void aBrokenForceFileIsRefusedWithItsLineAndTheOthersLoad(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("kent.yaml"), "force: kent\nsystems:\n  custody:\n"
                + "    family: canonical-json\n    contentTypes: [application/json]\n");
        java.nio.file.Files.writeString(dir.resolve("essex.yaml"), "force: essex\nsystems:\n  custody:\n"
                + "    family: no-such-family\n    contentTypes: [application/json]\n");
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        ReloadStatus status = new ReloadStatus(Clock.systemUTC());

        ForceRegistry registry = ForceRegistry.load(dir, reference, "canonical-json"::equals, status);

        assertThat(registry.forces()).extracting(ForceConfig::force).containsExactly("kent");
        ReloadStatus.Problem problem = status.problem(dir.resolve("essex.yaml")).orElseThrow();
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.problem()).isEqualTo("system 'custody' names family 'no-such-family', which has no mapping"
                + " (no folder mappings/no-such-family with a mapping.yaml that loads)");
    }
}
