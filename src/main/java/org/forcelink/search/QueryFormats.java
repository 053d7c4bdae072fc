package org.forcelink.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.ReloadStatus;
import org.forcelink.config.YamlDocument;

/**
 * The query formats of {@code mappings/queries/<id>/query.yaml}, compiled at start-up and again when a
 * file of the folder changes. A format that does not compile is refused with its file and line; the
 * version compiled before it stays in use.
 */
public final class QueryFormats {

    private final Path dir;
    private final Predicate<String> familyExists;
    private final ReloadStatus status;
    private final Map<String, QueryFormat> formats = new java.util.concurrent.ConcurrentHashMap<>();
    private final Reloadable<Map<String, QueryFormat>> current;

    public QueryFormats(Path dir, Predicate<String> familyExists, ReloadStatus status) {
        this.dir = dir;
        this.familyExists = familyExists;
        this.status = status;
        this.current = new Reloadable<>("query formats", dir, this::compileAll, status, System::nanoTime);
    }

    /** The format of this id, as last compiled. */
    public Optional<QueryFormat> format(String id) {
        Map<String, QueryFormat> all = current.get();
        return Optional.ofNullable(all == null ? null : all.get(id));
    }

    /**
     * Compiles each folder; a folder that fails is refused (with its file and line) and keeps its previous
     * version, if it had one, so one broken format does not take the others away.
     */
    private Map<String, QueryFormat> compileAll() {
        Map<String, QueryFormat> compiled = new HashMap<>();
        for (Path file : files(dir)) {
            String folder = file.getParent().getFileName().toString();
            try {
                compiled.put(folder, QueryFormat.compile(YamlDocument.read(file), familyExists));
                status.loaded(file);
            } catch (ConfigFileException e) {
                QueryFormat before = formats.get(folder);
                if (before != null) {
                    compiled.put(folder, before);
                }
                status.refused(file, e, before != null
                        ? "query format " + folder + " stays at version " + before.version()
                        : "query format " + folder + " is not available; forces that use it are reported as missing");
            }
        }
        formats.clear();
        formats.putAll(compiled);
        return Map.copyOf(compiled);
    }

    /** Every query.yaml under the folder, sorted. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.map(folder -> folder.resolve("query.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
