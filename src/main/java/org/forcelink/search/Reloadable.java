package org.forcelink.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.ReloadStatus;

/**
 * A value compiled from configuration files that follows edits while the hub runs: when the files' contents
 * change (checked at most once a second, when the value is asked for) it is compiled again; a version that
 * does not compile is refused with its file and line and the one before stays in use.
 */
public final class Reloadable<T> {

    /** Compiles the files into the value; a problem is a {@link ConfigFileException}. */
    public interface Compiler<T> {
        T compile();
    }

    private static final long CHECK_NANOS = 1_000_000_000L;

    private final String what;
    private final Path root;
    private final Compiler<T> compiler;
    private final ReloadStatus status;
    private final LongSupplier nanoClock;
    private volatile T value;
    private volatile long print;
    private volatile long checkedAt;
    private Path refused;

    public Reloadable(String what, Path root, Compiler<T> compiler, ReloadStatus status, LongSupplier nanoClock) {
        this.what = what;
        this.root = root;
        this.compiler = compiler;
        this.status = status;
        this.nanoClock = nanoClock;
        this.checkedAt = nanoClock.getAsLong();
        this.print = print(root);
        load();
    }

    /** The value compiled last, or null when no version has compiled yet. */
    public T get() {
        long now = nanoClock.getAsLong();
        if (now - checkedAt >= CHECK_NANOS) {
            refresh(now);
        }
        return value;
    }

    private synchronized void refresh(long now) {
        if (now - checkedAt < CHECK_NANOS) {
            return;
        }
        checkedAt = now;
        long current = print(root);
        if (current != print) {
            print = current;
            load();
        }
    }

    private synchronized void load() {
        try {
            value = compiler.compile();
            if (refused != null) {
                status.loaded(refused);
                refused = null;
            }
        } catch (ConfigFileException e) {
            refused = e.file();
            status.refused(e.file(), e, value == null ? what + " is not available" : what + " stays as it was");
        }
    }

    /** A checksum of every file under {@code root} (a file or a folder), names included. */
    static long print(Path root) {
        CRC32 crc = new CRC32();
        List<Path> files;
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                return -1;
            }
        } else {
            files = List.of(root);
        }
        for (Path file : files) {
            crc.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                crc.update(Files.readAllBytes(file));
            } catch (IOException e) {
                crc.update(-1);
            }
        }
        return crc.getValue();
    }
}
