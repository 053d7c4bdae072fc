package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The route include pattern picks up every file under routes/, and each file's route has the file's name. */
class RoutesLoadedIT extends HubTestSupport {

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteFileIsLoadedUnderItsOwnName() throws IOException {
        assertThat(camel.getRoutes().stream().map(Route::getRouteId))
                .containsExactlyInAnyOrder("canonical-dispatch", "pnd-out", "custody-health-out", "subject-search",
                        "subject-search-scatter", "subject-search-force");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> n.substring(0, n.length() - ".camel.yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(camel.getRoutes().stream().map(Route::getRouteId).toList());
        }
        camel.getRoutes().forEach(route -> assertThat(camel.getRouteController().getRouteStatus(route.getRouteId())
                .isStarted()).as(route.getRouteId()).isTrue());
    }
}
