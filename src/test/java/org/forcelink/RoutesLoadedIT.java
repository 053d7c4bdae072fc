package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The route include pattern picks up every file under routes/, and each file's route (or route template)
 * has the file's name; a template's routes are named after it and run one per registered system.
 */
class RoutesLoadedIT extends HubTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    ForceRegistry registry;

    @Test
    void everyRouteFileIsLoadedUnderItsOwnName() throws IOException {
        List<String> routes = camel.getRoutes().stream().map(Route::getRouteId).toList();
        List<String> templates = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteTemplateDefinitions().stream().map(RouteTemplateDefinition::getId).toList();
        List<String> jmsSystems = registry.forces().stream()
                .flatMap(force -> force.systems().values().stream()
                        .filter(system -> system.uses(Channel.JMS))
                        .map(system -> "jms-in." + force.force() + "." + system.id()))
                .toList();

        assertThat(jmsSystems).contains("jms-in.kent.custody", "jms-in.kent.intel").hasSize(9);
        assertThat(routes).containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("canonical-dispatch",
                "pnd-out", "cps-out", "custody-health-out", "essex-custody-out", "metropolitan-records-out",
                "home-office-stats-out", "home-office-stats-daily", "home-office-stats-file", "file-drop-in",
                "soap-in", "subject-search", "subject-search-scatter", "subject-search-force"), jmsSystems.stream()).toList());
        assertThat(templates).containsExactly("jms-in");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> n.substring(0, n.length() - ".camel.yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(templates.stream(),
                            routes.stream().filter(id -> templates.stream().noneMatch(t -> id.startsWith(t + "."))))
                            .toList());
        }
        camel.getRoutes().forEach(route -> assertThat(camel.getRouteController().getRouteStatus(route.getRouteId())
                .isStarted()).as(route.getRouteId()).isTrue());
    }
}
