package org.forcelink.config;

import java.nio.file.Path;

/**
 * A configuration or mapping file that cannot be used, with the file, the line (0 when unknown) and the
 * problem, so an operator can fix it without reading a stack trace.
 */
public class ConfigFileException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String problem;

    public ConfigFileException(Path file, int line, String problem) {
        super(describe(file, line, problem));
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    private static String describe(Path file, int line, String problem) {
        return file + (line > 0 ? ":" + line : "") + ": " + problem;
    }
}
