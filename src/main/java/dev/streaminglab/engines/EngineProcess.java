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
 * One engine program running as a child process; the run's {@link dev.streaminglab.measure.LoadSampler} follows
 * its {@link #handle()} for CPU time and memory. {@link #kill()} is kill -9 of this process and its descendants
 * only.
 */
final class EngineProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private EngineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static EngineProcess start(Engine engine, EngineArgs args, Path log) {
        List<String> cmd = engine.command(args);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new EngineProcess(p, log);
        } catch (IOException e) {
            throw new LabException("cannot start the " + engine.id + " engine (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean alive() {
        return process.isAlive();
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

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
