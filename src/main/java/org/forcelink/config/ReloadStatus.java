package org.forcelink.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last problem of each configuration or mapping file that was refused, for operators and for other
 * code to query (a console page, a health check). A file that loads again clears its problem.
 */
public class ReloadStatus {

    private static final Logger log = LoggerFactory.getLogger(ReloadStatus.class);

    /** Why a file was refused, and when. */
    public record Problem(Path file, int line, String problem, Instant at) {

        /** file:line: problem, the way editors and operators read it. */
        public String describe() {
            return file + (line > 0 ? ":" + line : "") + ": " + problem;
        }
    }

    private final Map<Path, Problem> problems = new ConcurrentHashMap<>();
    private final Clock clock;

    public ReloadStatus(Clock clock) {
        this.clock = clock;
    }

    /** Records that a file was refused; the version in use before stays in use. */
    public void refused(Path file, ConfigFileException e, String consequence) {
        Path key = file.toAbsolutePath().normalize();
        Problem problem = new Problem(e.file(), e.line(), e.problem(), clock.instant());
        problems.put(key, problem);
        log.error("{} refused: {}; {}", key.getFileName(), problem.describe(), consequence);
    }

    /** Records that a file was loaded; clears its earlier problem. */
    public void loaded(Path file) {
        if (problems.remove(file.toAbsolutePath().normalize()) != null) {
            log.info("{} loaded; its earlier problem is resolved", file);
        }
    }

    public Optional<Problem> problem(Path file) {
        return Optional.ofNullable(problems.get(file.toAbsolutePath().normalize()));
    }

    /** Every file whose last load was refused, by file. */
    public Map<Path, Problem> problems() {
        return new TreeMap<>(problems);
    }
}
