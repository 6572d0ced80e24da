package dev.streaminglab.limits;

import dev.streaminglab.cluster.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * MirrorMaker 2 in dedicated mode ({@link MirrorMaker}, from Maven Central's
 * connect-mirror) as a JVM of its own, replicating one topic from a source cluster into a target cluster, where it
 * appears as {@code SOURCE.topic}. Everything it needs is on one node per cluster: replication factor 1, and no
 * heartbeats, checkpoints or group offset syncs, which the experiment does not use.
 */
final class MirrorMaker2 implements AutoCloseable {

    private final Process process;
    private final Path log;

    private MirrorMaker2(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts replicating {@code topic} from {@code source} to {@code target}; aliases name the clusters. */
    static MirrorMaker2 start(Path dir, String source, String sourceBootstrap, String target, String targetBootstrap,
            String topic) {
        Properties p = new Properties();
        p.put("clusters", source + ", " + target);
        p.put(source + ".bootstrap.servers", sourceBootstrap);
        p.put(target + ".bootstrap.servers", targetBootstrap);
        p.put(source + "->" + target + ".enabled", "true");
        p.put(source + "->" + target + ".topics", topic);
        p.put(target + "->" + source + ".enabled", "false");
        for (String rf : List.of("replication.factor", "checkpoints.topic.replication.factor",
                "heartbeats.topic.replication.factor", "offset-syncs.topic.replication.factor",
                "offset.storage.replication.factor", "status.storage.replication.factor",
                "config.storage.replication.factor")) {
            p.put(rf, "1");
        }
        p.put("offset-syncs.topic.location", "target");
        p.put("emit.heartbeats.enabled", "false");
        p.put("emit.checkpoints.enabled", "false");
        p.put("sync.group.offsets.enabled", "false");
        p.put("sync.topic.acls.enabled", "false");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("mm2.properties");
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "MirrorMaker 2 of the limits catalogue");
            }
            Path log = dir.resolve("mm2.log");
            return new MirrorMaker2(JavaProcess.start(List.of("-Xmx256m"), MirrorMaker.class.getName(),
                    List.of(file.toString(), "--clusters", target), log), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
