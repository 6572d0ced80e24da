package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools (kafka-tools on Maven Central), as the suites call them: the command lines they
 * are given and the summaries they print.
 */
final class KafkaTools {
    static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
    static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";
    /** Records ProducerPerformance is told to send: more than any window needs; the harness ends it. */
    static final long UNBOUNDED_RECORDS = 1_000_000_000L;
    private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PERCENTILES =
            Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

    /** EndToEndLatency's summary: one record in flight at a time, whole milliseconds, no maximum. */
    record RoundTrips(double avgMs, double p50Ms, double p99Ms, double p999Ms) {
    }

    private KafkaTools() {
    }

    /**
     * ProducerPerformance's arguments: no throttle, a reporting interval longer than any run, the point's settings
     * as --command-property and the client properties file (security, interceptors) as --command-config.
     */
    static List<String> producerPerformance(String bootstrap, String topic, Optional<Path> payloadFile, int recordSize,
            Map<String, String> settings, Path clientProperties) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", String.valueOf(UNBOUNDED_RECORDS), "--throughput", "-1",
                "--reporting-interval", "3600000", "--command-config", clientProperties.toString()));
        args.addAll(payloadFile.map(f -> List.of("--payload-file", f.toString()))
                .orElse(List.of("--record-size", String.valueOf(recordSize))));
        args.add("--command-property");
        settings.forEach((k, v) -> args.add(k + "=" + v));
        return args;
    }

    /** EndToEndLatency's positional arguments. */
    static List<String> endToEndLatency(String bootstrap, String topic, int records, String acks, int recordSize,
            Path clientProperties) {
        return List.of(bootstrap, topic, String.valueOf(records), acks, String.valueOf(recordSize),
                clientProperties.toString());
    }

    static RoundTrips parseEndToEndLatency(String out) {
        Matcher avg = E2E_AVG.matcher(out);
        Matcher pct = E2E_PERCENTILES.matcher(out);
        if (!avg.find() || !pct.find()) {
            throw new LabException("EndToEndLatency printed no summary:\n" + out.lines()
                    .skip(Math.max(0, out.lines().count() - 10)).reduce("", (a, b) -> a + b + "\n"));
        }
        return new RoundTrips(Double.parseDouble(avg.group(1)), Double.parseDouble(pct.group(1)),
                Double.parseDouble(pct.group(2)), Double.parseDouble(pct.group(3)));
    }
}
