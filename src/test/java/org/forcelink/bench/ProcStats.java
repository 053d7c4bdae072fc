package org.forcelink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux says about a process: CPU time (user + system, all threads), context switches (summed over
 * its live threads), resident set size and its high-water mark. Read from /proc, so it needs nothing
 * from the process itself.
 */
record ProcStats(long cpuMillis, long contextSwitches, long rssKb, long peakRssKb) {

    /** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static ProcStats of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
            long switches = 0;
            try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (IOException threadGone) {
                        // the thread ended between listing and reading
                    }
                }
            }
            return new ProcStats(ticks * 1000 / TICKS_PER_SECOND, switches, rss, hwm);
        } catch (IOException e) {
            return new ProcStats(0, 0, 0, 0);
        }
    }

    private static long kb(String line) {
        List<String> parts = List.of(line.trim().split("\\s+"));
        return Long.parseLong(parts.get(1));
    }
}
