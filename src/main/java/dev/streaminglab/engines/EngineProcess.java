package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine program running as a child process, with what the kit observes from outside: resident memory
 * and CPU time from /proc, sampled by {@link LoadSampler}. {@link #kill()} is kill -9 of this process and its
 * descendants only.
 */
final class EngineProcess implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private final Process process;
    private final Path log;
    private final long launchedNanos;

    private EngineProcess(Process process, Path log, long launchedNanos) {
        this.process = process;
        this.log = log;
        this.launchedNanos = launchedNanos;
    }

    static EngineProcess start(Engine engine, EngineArgs args, Path log) {
        List<String> cmd = engine.command(args);
        try {
            Files.createDirectories(log.getParent());
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new EngineProcess(p, log, t0);
        } catch (IOException e) {
            throw new LabException("cannot start the " + engine.id + " engine (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The peak resident set (VmHWM) so far, in bytes; 0 once the process is gone. */
    long peakRssBytes() {
        return statusField("VmHWM:");
    }

    long rssBytes() {
        return statusField("VmRSS:");
    }

    /** User plus system CPU time of the process (all its threads) so far, in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        await(Duration.ofSeconds(30));
    }

    /** SIGTERM, so the program commits and closes; kill -9 if it has not ended within the timeout. */
    void stop(Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(timeout)) {
            kill();
        }
    }

    private boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the program's output, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
