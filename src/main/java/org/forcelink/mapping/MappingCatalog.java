package org.forcelink.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.ReloadStatus;
import org.forcelink.config.YamlDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled declarative mappings of {@code mappings/}: one family per folder holding a mapping.yaml,
 * with each force's override (overrides/<force>.yaml) merged onto it at compile time. A folder is
 * (re)compiled as a whole; a file that does not compile is refused and the version compiled before it
 * stays in use.
 */
public final class MappingCatalog {

    private static final Logger log = LoggerFactory.getLogger(MappingCatalog.class);

    /** A family's base mapping and the mappings of the forces that override it. */
    record Family(CompiledMapping base, Map<String, SourceMapper> byForce) {}

    private final Path mappingsDir;
    private final MappingCompiler compiler;
    private final ReloadStatus status;
    private final Map<String, Family> families = new ConcurrentHashMap<>();

    public MappingCatalog(Path mappingsDir, MappingCompiler compiler, ReloadStatus status) {
        this.mappingsDir = mappingsDir;
        this.compiler = compiler;
        this.status = status;
    }

    /** Compiles every family folder. */
    public MappingCatalog loadAll() {
        for (Path folder : familyFolders()) {
            reload(folder.getFileName().toString());
        }
        return this;
    }

    /** Folders of mappings/ that hold a mapping.yaml. */
    public List<Path> familyFolders() {
        if (!Files.isDirectory(mappingsDir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(mappingsDir)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("mapping.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + mappingsDir, e);
        }
    }

    public Path mappingsDir() {
        return mappingsDir;
    }

    /**
     * (Re)compiles the family folder {@code family}: its base and every override. A broken base keeps the
     * whole family as it was; a broken override keeps that force's previous mapping, or rejects the
     * force's records until it is fixed when there was none.
     */
    public synchronized void reload(String family) {
        Path folder = mappingsDir.resolve(family);
        Path mappingFile = folder.resolve("mapping.yaml");
        if (!Files.isRegularFile(mappingFile)) {
            if (families.remove(family) != null) {
                log.info("mapping family {} removed (no {} any more)", family, mappingFile);
            }
            return;
        }
        Family previous = families.get(family);
        YamlDocument baseDoc;
        CompiledMapping base;
        try {
            baseDoc = YamlDocument.read(mappingFile);
            base = compiler.compile(family, baseDoc);
            status.loaded(mappingFile);
        } catch (ConfigFileException e) {
            status.refused(mappingFile, e, previous != null
                    ? "mapping family " + family + " stays at version " + previous.base().version()
                    : "mapping family " + family + " is not available");
            return;
        }
        Map<String, SourceMapper> byForce = new HashMap<>();
        for (Path override : overrides(folder)) {
            String force = MappingCompiler.fileForce(override);
            try {
                byForce.put(force, compiler.compile(family, baseDoc, YamlDocument.read(override)));
                status.loaded(override);
            } catch (ConfigFileException e) {
                SourceMapper kept = previous == null ? null : previous.byForce().get(force);
                if (kept instanceof CompiledMapping compiled) {
                    byForce.put(force, compiled);
                    status.refused(override, e, "force " + force + " keeps mapping " + compiled.id() + " "
                            + compiled.version());
                } else {
                    byForce.put(force, new UnavailableMapper(family, "the " + family + " mapping of force " + force
                            + " could not be loaded (" + e.getMessage() + "); the record is kept for replay"));
                    status.refused(override, e, "records of force " + force + " for family " + family
                            + " are rejected and kept until it is fixed");
                }
            }
        }
        families.put(family, new Family(base, Map.copyOf(byForce)));
        log.info("mapping family {} loaded: {} {} with {} force override(s)", family, base.id(), base.version(),
                byForce.size());
    }

    private static List<Path> overrides(Path folder) {
        Path dir = folder.resolve("overrides");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public boolean has(String family) {
        return families.containsKey(family);
    }

    /** The family's base mapping. */
    public Optional<CompiledMapping> base(String family) {
        return Optional.ofNullable(families.get(family)).map(Family::base);
    }

    /** The mapping a force's system of this family uses: the force's override if it has one, else the base. */
    public Optional<SourceMapper> forForce(String family, String force) {
        Family found = families.get(family);
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(found.byForce().getOrDefault(force, found.base()));
    }
}
