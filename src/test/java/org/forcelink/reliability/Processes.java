package org.forcelink.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting, probing and hard-killing the child processes (brokers, hubs) the reliability tests run. */
final class Processes {

    /** Everything the reliability tests start lives under this folder, one sub-folder per run. */
    static final Path WORK = Path.of("target", "reliability").toAbsolutePath();

    private Processes() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh folder under {@link #WORK} for one test run. */
    static Path runDir(String name) {
        try {
            Files.createDirectories(WORK);
            return Files.createTempDirectory(WORK, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a command with its output (stdout and stderr) appended to {@code log}. */
    static Process start(List<String> command, Path workDir, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /**
     * Kills the process and every descendant with SIGKILL (what {@code kill -9 <pid>} does), by process id,
     * and waits until all are gone.
     */
    static void killHard(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        all.addAll(process.toHandle().descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + handle.pid() + " did not die after SIGKILL", e);
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Prints a test's counts and appends them, with the time, to target/reliability/counts.txt, which
     * .ci/run shows after the build whatever its outcome.
     */
    static void report(String text) {
        System.out.println(text);
        try {
            Files.createDirectories(WORK);
            Files.writeString(WORK.resolve("counts.txt"), Instant.now() + " " + text + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a log, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " not readable: " + e + ")";
        }
    }
}
