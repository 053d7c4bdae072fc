package org.forcelink.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.forcelink.mapping.MappingCatalog;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceConfig;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.ForceCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies edits of {@code mappings/} and {@code config/forces/} while the hub runs. It polls the files'
 * contents (portable, unlike file-system events on network and container mounts) and applies a change
 * once it has been the same for two polls in a row, so a file still being written is not read. Mapping
 * folders are applied before force files, so a new system and its new mapping can arrive together.
 */
public class ConfigReloader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final MappingCatalog catalog;
    private final Path forcesDir;
    private final ForceRegistry registry;
    private final ForceCredentials credentials;
    private final ReferenceData reference;
    private final SourceMappers mappers;
    private final ReloadStatus status;
    private final Duration interval;
    private Map<String, Long> appliedFamilies;
    private Map<Path, Long> appliedForces;
    private Map<String, Long> seenFamilies = Map.of();
    private Map<Path, Long> seenForces = Map.of();
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public ConfigReloader(MappingCatalog catalog, Path forcesDir, ForceRegistry registry, ForceCredentials credentials,
            ReferenceData reference, SourceMappers mappers, ReloadStatus status, Duration interval) {
        this.catalog = catalog;
        this.forcesDir = forcesDir;
        this.registry = registry;
        this.credentials = credentials;
        this.reference = reference;
        this.mappers = mappers;
        this.status = status;
        this.interval = interval;
        this.appliedFamilies = familyPrints();
        this.appliedForces = forcePrints();
    }

    /** One poll: applies what changed and has been stable since the previous poll. */
    public synchronized void poll() {
        Map<String, Long> families = familyPrints();
        Map<Path, Long> forces = forcePrints();
        Set<String> familyKeys = new HashSet<>(families.keySet());
        familyKeys.addAll(appliedFamilies.keySet());
        boolean familyChanged = false;
        for (String family : familyKeys) {
            Long now = families.get(family);
            if (!java.util.Objects.equals(now, appliedFamilies.get(family))
                    && java.util.Objects.equals(now, seenFamilies.get(family))) {
                log.info("mapping folder {} changed; compiling it", family);
                catalog.reload(family);
                familyChanged = true;
            }
        }
        Set<Path> forceKeys = new HashSet<>(forces.keySet());
        forceKeys.addAll(appliedForces.keySet());
        for (Path file : forceKeys) {
            Long now = forces.get(file);
            boolean changed = !java.util.Objects.equals(now, appliedForces.get(file))
                    && java.util.Objects.equals(now, seenForces.get(file));
            // A force file refused for naming a family that was missing may load now that mappings changed.
            boolean retry = familyChanged && now != null && status.problem(file).isPresent();
            if (changed || retry) {
                applyForce(file);
            }
        }
        Map<String, Long> nextFamilies = new HashMap<>(appliedFamilies);
        families.forEach((family, print) -> {
            if (print.equals(seenFamilies.get(family))) {
                nextFamilies.put(family, print);
            }
        });
        nextFamilies.keySet().removeIf(family -> !families.containsKey(family) && !seenFamilies.containsKey(family));
        Map<Path, Long> nextForces = new HashMap<>(appliedForces);
        forces.forEach((file, print) -> {
            if (print.equals(seenForces.get(file))) {
                nextForces.put(file, print);
            }
        });
        nextForces.keySet().removeIf(file -> !forces.containsKey(file) && !seenForces.containsKey(file));
        appliedFamilies = nextFamilies;
        appliedForces = nextForces;
        seenFamilies = families;
        seenForces = forces;
    }

    private void applyForce(Path file) {
        if (!Files.exists(file)) {
            registry.remove(file);
            credentials.reload(registry);
            status.loaded(file);
            log.info("force file {} removed; its force is disconnected", file.getFileName());
            return;
        }
        Optional<ForceConfig> before = Optional.empty();
        try {
            ForceConfig force = ForceRegistry.read(file, reference, mappers::knows);
            before = registry.force(force.force());
            registry.put(file, force);
            credentials.reload(registry);
            status.loaded(file);
            log.info("force file {} loaded: force {} with {} system(s)", file.getFileName(), force.force(),
                    force.systems().size());
        } catch (ConfigFileException e) {
            status.refused(file, e, "the force stays as it was");
        } catch (IllegalStateException e) {
            before.ifPresentOrElse(previous -> registry.put(file, previous), () -> registry.remove(file));
            credentials.reload(registry);
            status.refused(file, new ConfigFileException(file, 0, e.getMessage()), "the force stays as it was");
        }
    }

    private Map<String, Long> familyPrints() {
        Map<String, Long> prints = new HashMap<>();
        Path dir = catalog.mappingsDir();
        for (Path folder : list(dir)) {
            if (!Files.isDirectory(folder) || !Files.isRegularFile(folder.resolve("mapping.yaml"))) {
                continue;
            }
            CRC32 crc = new CRC32();
            add(crc, folder.resolve("mapping.yaml"));
            for (Path override : list(folder.resolve("overrides"))) {
                if (override.getFileName().toString().endsWith(".yaml")) {
                    add(crc, override);
                }
            }
            prints.put(folder.getFileName().toString(), crc.getValue());
        }
        return prints;
    }

    private Map<Path, Long> forcePrints() {
        Map<Path, Long> prints = new HashMap<>();
        for (Path file : ForceRegistry.files(forcesDir)) {
            CRC32 crc = new CRC32();
            add(crc, file);
            prints.put(file.toAbsolutePath().normalize(), crc.getValue());
        }
        return prints;
    }

    private static void add(CRC32 crc, Path file) {
        crc.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            crc.update(Files.readAllBytes(file));
        } catch (IOException e) {
            // a file deleted or still locked between listing and reading counts as changed; the next poll sees it
            crc.update(-1);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void start() {
        running = true;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "config-reload");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.error("configuration reload failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
