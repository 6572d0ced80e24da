package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one producer under test in a JVM of its own, as {@link KafkaTools} runs ProducerPerformance, and prints
 * its result in the tool's summary format (with fractions of a millisecond) so one parser reads both.
 * Arguments: producer name, bootstrap, topic, records, warm-up records, record size, payload file or "-",
 * then producer settings as key=value.
 */
public final class ProducerMain {
    private ProducerMain() {
    }

    public static void main(String[] args) {
        if (args.length < 7) {
            throw new IllegalArgumentException("usage: ProducerMain PRODUCER BOOTSTRAP TOPIC RECORDS WARMUP SIZE "
                    + "PAYLOAD_FILE|- [key=value ...], got " + Arrays.toString(args));
        }
        ProducerUnderTest producer = UnderTest.producers().stream().filter(p -> p.name().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown producer '" + args[0] + "'"));
        Map<String, String> configs = new LinkedHashMap<>();
        Arrays.stream(args, 7, args.length).map(kv -> kv.split("=", 2)).forEach(kv -> configs.put(kv[0], kv[1]));
        ProducerJob job = new ProducerJob(KafkaConnection.of(args[1]), args[2], Long.parseLong(args[3]),
                Long.parseLong(args[4]), Integer.parseInt(args[5]), configs,
                args[6].equals("-") ? Optional.empty() : Optional.of(Path.of(args[6])));
        RunStats s = producer.run(job);
        LatencySummary l = s.latency().orElseThrow();
        System.out.printf(Locale.ROOT, "%d steady state records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg "
                        + "latency, %.2f ms max latency, %.2f ms 50th, %.2f ms 95th, %.2f ms 99th, %.2f ms 99.9th.%n",
                s.records(), s.recordsPerSec(), s.mbPerSec(), l.avgMs(), l.maxMs().orElseThrow(), l.p50Ms(),
                l.p95Ms().orElseThrow(), l.p99Ms(), l.p999Ms());
    }
}
