package dev.streaminglab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One reading of a process from /proc: its CPU time so far (user + system, all threads), its resident memory and
 * the peak of that memory (VmHWM). What a comparison of separate programs (engines, tools) charges to each.
 */
public record ProcessUsage(long atMillis, double cpuSeconds, long rssBytes, long peakRssBytes) {
    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux the kit runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /** The process now; empty once it is gone, or where there is no /proc. */
    public static Optional<ProcessUsage> read(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            String stat = Files.readString(proc.resolve("stat"));
            // The command name may hold spaces and parentheses: fields start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) * 1024;
                }
            }
            return Optional.of(new ProcessUsage(System.currentTimeMillis(), cpu, rss, peak));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.substring(statusLine.indexOf(':') + 1).trim().split("\\s+")[0]);
    }
}
