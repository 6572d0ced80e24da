package dev.streaminglab.costs;

import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The main of a child JVM that runs one stage as its spec says ({@link ChildSpec}), reports when it started and
 * when it was RUNNING (with what it restored on the way), and stops cleanly when its standard input closes.
 * Argument: the spec file.
 */
public final class StreamsChild {
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(10);

    private StreamsChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChildSpec spec = ChildSpec.read(Path.of(args[0]));
        Path statusFile = Path.of(spec.statusFile());
        Stage stage = Stage.valueOf(spec.stage());
        StopSignal stop = StopSignal.onStandardInputClosed();
        if (stage.plain()) {
            PlainPassthrough.run(spec, statusFile, stop);
            return;
        }
        Properties props = spec.streams();
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        stage.build(builder, spec.topics());
        ChildSpec.Status status = ChildSpec.Status.started(System.currentTimeMillis());
        try (StreamsRunner runner = new StreamsRunner(builder.build(props), props)) {
            status.write(statusFile);
            runner.startAndAwaitRunning(RUNNING_TIMEOUT);
            status = status.running(System.currentTimeMillis(), restoreToRunningMs(runner),
                    runner.restores().restoredRecords());
            status.write(statusFile);
            stop.await(runner::failed);
            if (runner.failed()) {
                status.failed("Kafka Streams stopped: " + runner.error().map(Throwable::toString).orElse("?"))
                        .write(statusFile);
                System.exit(1);
            }
        } catch (RuntimeException e) {
            status.failed(e.toString()).write(statusFile);
            throw e;
        }
    }

    /** From the first restore's start to the RUNNING that followed it, on the instance's monotonic clock. */
    private static double restoreToRunningMs(StreamsRunner runner) {
        RestoreTimer restores = runner.restores();
        if (restores.restoresStarted() == 0) {
            return 0;
        }
        double startMs = restores.firstStartNanos() / 1e6;
        return runner.transitions().stream()
                .filter(t -> t.to() == State.RUNNING && t.atMs() >= startMs - 1)
                .mapToDouble(t -> t.atMs() - startMs).findFirst().orElse(0);
    }
}
