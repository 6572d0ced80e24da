package dev.streaminglab.costs;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a child JVM of a cost measurement runs, written by the harness as JSON: the stage, its topics, the
 * clients' properties (connection and security) and the application's, and where to report.
 *
 * @param properties Kafka Streams properties of the application (for a plain passthrough: its guarantee, commit
 *     interval and group id are read from them)
 */
record ChildSpec(String stage, String topicPrefix, Map<String, String> renamed, Map<String, String> clientProperties,
        Map<String, String> properties, String statusFile) {

    TopicSet topics() {
        return new TopicSet(topicPrefix, renamed);
    }

    Properties clients() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        return p;
    }

    Properties streams() {
        Properties p = clients();
        p.putAll(properties);
        return p;
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.text(this));
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ChildSpec read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), ChildSpec.class);
        } catch (IOException e) {
            throw new LabException("cannot read the child's spec " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a child reports, rewritten whole at each milestone. Times are epoch milliseconds of this machine's
     * clock, the one the harness reads too.
     *
     * @param startedAtMs just before the clients started (0 until then)
     * @param runningAtMs when Kafka Streams first reached RUNNING (0 until then; the plain passthrough: its first poll)
     * @param restoreToRunningMs from the first restore's start to RUNNING, in the child's own monotonic clock (0
     *     when nothing was restored)
     */
    record Status(long startedAtMs, long runningAtMs, double restoreToRunningMs, long restoredRecords, String error,
            List<String> jvmFlags) {
        static Status started(long atMs) {
            return new Status(atMs, 0, 0, 0, null, ManagementFactory.getRuntimeMXBean().getInputArguments());
        }

        Status running(long atMs, double restoreMs, long restored) {
            return new Status(startedAtMs, atMs, restoreMs, restored, error, jvmFlags);
        }

        Status failed(String message) {
            return new Status(startedAtMs, runningAtMs, restoreToRunningMs, restoredRecords, message, jvmFlags);
        }

        /** Atomically, so the harness never reads half a file. */
        void write(Path file) {
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Json.text(this));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new LabException("cannot write the status file " + file + ": " + e.getMessage(), e);
            }
        }

        static Optional<Status> read(Path file) {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Json.MAPPER.readValue(file.toFile(), Status.class));
            } catch (IOException e) {
                throw new LabException("cannot read the status file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
