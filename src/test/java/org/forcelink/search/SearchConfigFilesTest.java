package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.forcelink.registry.ForceRegistry;
import org.junit.jupiter.api.Test;

/** Every query format compiles, and every force of config/forces answers queries through a usable target. */
class SearchConfigFilesTest {

    private static final SearchSettings SETTINGS = new SearchSettings(3000, 4000, 250, 10, 20, 65536, 5242880, 100,
            new SearchSettings.Stubs(true));

    @Test
    void everyQueryFormatCompiles() {
        List<String> formats = QueryFormats.files(Path.of("mappings/queries")).stream()
                .map(file -> file.getParent().getFileName().toString()).toList();

        assertThat(formats).containsExactly("canonical-json-query", "casefile-xml-soap-query", "crime-csv-query",
                "custody-fixed-width-query", "intel-xml-soap-query", "rms-json-query");
        formats.forEach(SearchFixtures::format);
        assertThat(SearchFixtures.STATUS.problems()).isEmpty();
    }

    @Test
    void all44ForcesAnswerThroughTheStubsInTheDefaultRun() {
        ForceRegistry registry = ForceRegistry.load(Path.of("config/forces"), SearchFixtures.REFERENCE);
        QueryTargets targets = new QueryTargets(registry, SearchFixtures.FORMATS, SETTINGS,
                () -> Optional.of("http://127.0.0.1:8080/stubs"), name -> null);

        List<QueryTarget> all = targets.all();

        assertThat(all).hasSize(44).allSatisfy(target -> {
            assertThat(target.problem()).as(target.name()).isNull();
            assertThat(target.url()).isEqualTo("http://127.0.0.1:8080/stubs/forces/" + target.force() + "/"
                    + target.system() + "/query");
            assertThat(target.timeoutMs()).isEqualTo(3000);
        });
        assertThat(all.stream().map(QueryTarget::force).distinct()).hasSize(44);
        Map<String, Long> byFormat = all.stream().collect(Collectors.groupingBy(t -> t.format().id(),
                java.util.TreeMap::new, Collectors.counting()));
        assertThat(byFormat).isEqualTo(Map.of("canonical-json-query", 3L, "casefile-xml-soap-query", 7L,
                "crime-csv-query", 1L, "custody-fixed-width-query", 25L, "intel-xml-soap-query", 3L,
                "rms-json-query", 5L));
    }

    @Test
    void withoutTheStubsAStubUrlIsReportedNotAsked() {
        ForceRegistry registry = ForceRegistry.load(Path.of("config/forces"), SearchFixtures.REFERENCE);
        QueryTargets targets = new QueryTargets(registry, SearchFixtures.FORMATS, SETTINGS, Optional::empty,
                name -> null);

        assertThat(targets.all()).extracting(QueryTarget::problem)
                .containsOnly("its url names the embedded stubs, which are not enabled");
    }
}
