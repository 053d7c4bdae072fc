package org.forcelink.ingest.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;

/**
 * Looks at {@code <data-dir>/inbox/<force>/<system>/} and says which dropped files are ready to be
 * answered (ARCHITECTURE 3.2, file drop). Nothing here follows a link: entries are seen as they are.
 * <ul>
 *   <li>Names starting with {@code .} or ending in {@code .tmp} or {@code .part} are ignored: a sender
 *       writes under such a name and renames the file into place when complete.</li>
 *   <li>A regular file is ready once its size and modification time have stayed the same for the stable
 *       period (2 s by default), measured from when this inbox first saw them; a file still being
 *       written keeps changing and waits.</li>
 *   <li>A symbolic link, or anything else that is not a regular file or a folder, is ready at once: it
 *       is answered as rejected without being opened.</li>
 *   <li>Folders inside a system's folder ({@code processed/}, {@code rejected/}) are not read.</li>
 *   <li>A force or system folder that matches no registered system declaring the file channel, or is a
 *       link, is not read and is reported to {@link InboxAlerts}.</li>
 * </ul>
 * Ready files come oldest first, so the exports of one system are read in the order they were written.
 */
public class Inbox {

    private final Path inbox;
    private final ForceRegistry registry;
    private final InboxAlerts alerts;
    private final long stableNanos;
    private final LongSupplier nanoClock;
    /** Size and modification time of each file as first seen unchanged, with when that was. */
    private final Map<Path, Observation> observations = new HashMap<>();

    private static final String LINKED_FOLDER = "the folder is a symbolic link; links are never followed";

    private record Observation(long size, FileTime modified, long since) {}

    /** A ready entry with its modification time, to answer the oldest first. */
    private record Candidate(DroppedFile file, FileTime modified) {}

    public Inbox(Path dataDir, ForceRegistry registry, InboxAlerts alerts, long stableMillis, LongSupplier nanoClock) {
        this.inbox = dataDir.resolve("inbox");
        this.registry = registry;
        this.alerts = alerts;
        this.stableNanos = TimeUnit.MILLISECONDS.toNanos(stableMillis);
        this.nanoClock = nanoClock;
    }

    /** The inbox folder of a force's system. */
    public Path folder(String force, String system) {
        return inbox.resolve(force).resolve(system);
    }

    /**
     * One look at the inbox: creates the folder of every registered file-drop system that lacks one,
     * updates the alerts, and returns the entries ready to be answered. Called from one thread at a time.
     */
    public synchronized List<DroppedFile> ready() {
        try {
            Files.createDirectories(inbox);
            for (ForceRegistry.ForceSystem source : registry.systemsUsing(Channel.FILE)) {
                Path folder = folder(source.force(), source.system().id());
                if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(folder);
                }
            }
            List<Candidate> ready = new ArrayList<>();
            List<InboxAlerts.Alert> found = new ArrayList<>();
            Set<Path> seen = new HashSet<>();
            for (Path forceFolder : entries(inbox.toRealPath())) {
                String force = forceFolder.getFileName().toString();
                if (ignored(force) || !isFolderOrLink(forceFolder)) {
                    continue;
                }
                if (Files.isSymbolicLink(forceFolder)) {
                    found.add(alerts.alert(force, null, forceFolder, LINKED_FOLDER));
                } else if (registry.force(force).isEmpty()) {
                    found.add(alerts.alert(force, null, forceFolder, "no force '" + force + "' is registered"));
                } else {
                    readForce(force, forceFolder, ready, found, seen);
                }
            }
            observations.keySet().retainAll(seen);
            alerts.update(found);
            return ready.stream()
                    .sorted(Comparator.comparing(Candidate::modified).thenComparing(c -> c.file().path().toString()))
                    .map(Candidate::file)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inbox " + inbox, e);
        }
    }

    private void readForce(String force, Path forceFolder, List<Candidate> ready, List<InboxAlerts.Alert> found,
            Set<Path> seen) throws IOException {
        for (Path systemFolder : entries(forceFolder)) {
            String system = systemFolder.getFileName().toString();
            if (ignored(system) || !isFolderOrLink(systemFolder)) {
                continue;
            }
            if (Files.isSymbolicLink(systemFolder)) {
                found.add(alerts.alert(force, system, systemFolder, LINKED_FOLDER));
            } else if (registry.system(force, system).filter(s -> s.uses(Channel.FILE)).isEmpty()) {
                found.add(alerts.alert(force, system, systemFolder, "force '" + force
                        + "' has no registered system '" + system + "' that declares the file channel"));
            } else {
                readSystem(force, system, systemFolder, ready, seen);
            }
        }
    }

    private void readSystem(String force, String system, Path folder, List<Candidate> ready, Set<Path> seen)
            throws IOException {
        for (Path entry : entries(folder)) {
            if (ignored(entry.getFileName().toString())) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (attributes.isDirectory()) {
                continue;
            }
            FileTime modified = attributes.lastModifiedTime();
            if (attributes.isSymbolicLink()) {
                ready.add(new Candidate(new DroppedFile(force, system, entry, DroppedFile.Kind.LINK), modified));
            } else if (!attributes.isRegularFile()) {
                ready.add(new Candidate(new DroppedFile(force, system, entry, DroppedFile.Kind.OTHER), modified));
            } else {
                seen.add(entry);
                if (isStable(entry, attributes)) {
                    observations.remove(entry);
                    ready.add(new Candidate(new DroppedFile(force, system, entry, DroppedFile.Kind.REGULAR), modified));
                }
            }
        }
    }

    /** True once the file's size and modification time have not changed for the stable period. */
    private boolean isStable(Path file, BasicFileAttributes attributes) {
        long now = nanoClock.getAsLong();
        Observation seenBefore = observations.get(file);
        if (seenBefore == null || seenBefore.size() != attributes.size()
                || !seenBefore.modified().equals(attributes.lastModifiedTime())) {
            observations.put(file, new Observation(attributes.size(), attributes.lastModifiedTime(), now));
            return stableNanos <= 0;
        }
        return now - seenBefore.since() >= stableNanos;
    }

    private static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part");
    }

    private static boolean isFolderOrLink(Path path) {
        return Files.isSymbolicLink(path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(Path::toString));
        return entries;
    }
}
