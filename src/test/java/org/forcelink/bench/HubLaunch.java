package org.forcelink.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the harness starts the packaged hub's JVM: the arguments after {@code java -Xmx512m}. By default
 * ({@code bench.cds=true}) the way docs/operations.md "Starting faster" tells production to start it: the
 * jar extracted once ({@code -Djarmode=tools extract}) and its classes loaded from a class data archive made
 * by one training start of the same hub; with {@code bench.cds=false}, {@code java -jar} on the jar as built.
 */
record HubLaunch(List<String> arguments, String description, double trainingSeconds) {

    private static final Duration STEP_LIMIT = Duration.ofSeconds(180);

    static HubLaunch plain(Path jar) {
        return new HubLaunch(List.of("-jar", jar.toString()), "java -jar on the jar as built", Double.NaN);
    }

    /** The launch to measure: extracts {@code jar} under {@code dir} and trains its class data archive there. */
    static HubLaunch prepare(Path jar, Path dir) throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.cds", "true"))) {
            return plain(jar);
        }
        Path app = dir.resolve("app");
        Files.createDirectories(dir);
        run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()),
                dir.resolve("extract.out"));
        Path extracted = app.resolve(jar.getFileName());
        Path archive = app.resolve("forcelink.jsa");
        // The training start: the same hub and home as a measured one, stopped once its context has
        // refreshed (Spring Boot's spring.context.exit), the classes it loaded written to the archive.
        HubLaunch training = new HubLaunch(List.of("-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString()), "training", Double.NaN);
        long started = System.nanoTime();
        HubUnderTest.runToExit(training, dir.resolve("training"), STEP_LIMIT);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training start wrote no class data archive; see "
                    + dir.resolve("training").resolve("hub.out"));
        }
        return new HubLaunch(List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString()),
                "the extracted jar with a class data archive", seconds);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, Path output) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
        }
    }
}
