package org.forcelink.search.stub;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.ReloadStatus;
import org.forcelink.search.QueryFormats;
import org.forcelink.search.Reloadable;

/** The stub definitions of every query format that has one, read again when a file of mappings/queries changes. */
final class StubDefinitions {

    private final Path queriesDir;
    private final ReloadStatus status;
    private final Reloadable<Map<String, StubDefinition>> current;

    StubDefinitions(Path queriesDir, ReloadStatus status) {
        this.queriesDir = queriesDir;
        this.status = status;
        this.current = new Reloadable<>("query stubs", queriesDir, this::readAll, status, System::nanoTime);
    }

    Optional<StubDefinition> of(String format) {
        Map<String, StubDefinition> all = current.get();
        return Optional.ofNullable(all == null ? null : all.get(format));
    }

    private Map<String, StubDefinition> readAll() {
        Map<String, StubDefinition> all = new HashMap<>();
        for (Path query : QueryFormats.files(queriesDir)) {
            String format = query.getParent().getFileName().toString();
            StubDefinition.file(queriesDir, format).ifPresent(file -> {
                try {
                    all.put(format, StubDefinition.read(file));
                    status.loaded(file);
                } catch (ConfigFileException | IllegalArgumentException | java.time.DateTimeException e) {
                    ConfigFileException problem = e instanceof ConfigFileException c ? c
                            : new ConfigFileException(file, 0, e.getMessage());
                    status.refused(file, problem, "the stub of " + format + " is not available");
                }
            });
        }
        return Map.copyOf(all);
    }
}
