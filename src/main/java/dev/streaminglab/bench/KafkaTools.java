package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.RuntimeClasspath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools (kafka-tools on Maven Central), each run in a JVM of its own as
 * kafka-producer-perf-test.sh and friends would run it, its summary parsed from standard output. A JVM of
 * their own because the tools call System.exit and keep static state. The kit's producers run the same way
 * ({@link ProducerMain}), so both sides start cold, with the same heap, and share the cores with nothing else.
 */
final class KafkaTools {
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) (steady state )?records sent, "
            + "([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
            + "([\\d.]+) ms 50th, ([\\d.]+) ms 95th, ([\\d.]+) ms 99th, ([\\d.]+) ms 99.9th");
    private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PERCENTILES =
            Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
    private static final String TOOL_HEAP = "-Xmx512m";

    private final Path logDir;
    private final Duration deadline;

    KafkaTools(Path logDir, Duration deadline) {
        this.logDir = logDir;
        this.deadline = deadline;
    }

    /** ProducerPerformance's steady-state summary (warm-up excluded), or its only summary without warm-up. */
    RunStats producerPerformance(ProducerJob job) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", job.connection().bootstrap(), "--topic",
                job.topic(), "--num-records", String.valueOf(job.records()), "--throughput", "-1",
                "--reporting-interval", "600000"));
        args.addAll(job.payloadFile().map(f -> List.of("--payload-file", f.toString()))
                .orElse(List.of("--record-size", String.valueOf(job.recordSize()))));
        if (job.warmupRecords() > 0) {
            args.addAll(List.of("--warmup-records", String.valueOf(job.warmupRecords())));
        }
        args.add("--command-property");
        job.producerConfigs().forEach((k, v) -> args.add(k + "=" + v));
        return parseProducerPerformance(run("org.apache.kafka.tools.ProducerPerformance", "producer-" + job.topic(), args));
    }

    /** A producer under test, by name, in a JVM like the tool's; it prints the tool's summary line. */
    RunStats kitProducer(String producer, ProducerJob job) {
        List<String> args = new ArrayList<>(List.of(producer, job.connection().bootstrap(), job.topic(),
                String.valueOf(job.records()), String.valueOf(job.warmupRecords()), String.valueOf(job.recordSize()),
                job.payloadFile().map(Path::toString).orElse("-")));
        job.producerConfigs().forEach((k, v) -> args.add(k + "=" + v));
        return parseProducerPerformance(run(ProducerMain.class.getName(), producer + "-" + job.topic(), args));
    }

    /** The last summary line: with warm-up that is the steady-state one. */
    static RunStats parseProducerPerformance(String out) {
        MatchResult last = null;
        for (Matcher m = PRODUCER_SUMMARY.matcher(out); m.find(); ) {
            last = m.toMatchResult();
        }
        if (last == null) {
            throw new LabException("ProducerPerformance printed no summary:\n" + tail(out));
        }
        long records = Long.parseLong(last.group(1));
        double recordsPerSec = Double.parseDouble(last.group(3));
        double mbPerSec = Double.parseDouble(last.group(4));
        LatencySummary latency = new LatencySummary(Double.parseDouble(last.group(5)), Double.parseDouble(last.group(7)),
                OptionalDouble.of(Double.parseDouble(last.group(8))), Double.parseDouble(last.group(9)),
                Double.parseDouble(last.group(10)), OptionalDouble.of(Double.parseDouble(last.group(6))));
        double seconds = records / recordsPerSec;
        return new RunStats(records, Math.round(mbPerSec * 1024 * 1024 * seconds), seconds, Optional.of(latency));
    }

    /**
     * ConsumerPerformance's fetch figures (fetch.nMsg.sec, fetch.MB.sec): the time spent fetching, without the
     * group join that its overall figures include, which is what the kit's consumer measures too.
     */
    RunStats consumerPerformance(String bootstrap, String topic, long records) {
        return parseConsumerPerformance(run("org.apache.kafka.tools.ConsumerPerformance", "consumer-" + topic,
                List.of("--bootstrap-server", bootstrap, "--topic", topic, "--num-records", String.valueOf(records),
                        "--timeout", "30000", "--group", "bench-perf-" + topic)));
    }

    /** The data line under the header: start, end, MB, MB/s, records, records/s, rebalance ms, fetch ms, ... */
    static RunStats parseConsumerPerformance(String out) {
        List<String> lines = out.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).split(",\\s*");
            if (f.length == 10 && f[4].matches("\\d+")) {
                long consumed = Long.parseLong(f[4]);
                double fetchMs = Double.parseDouble(f[7]);
                double mb = Double.parseDouble(f[2]);
                return new RunStats(consumed, Math.round(mb * 1024 * 1024), fetchMs / 1000, Optional.empty());
            }
        }
        throw new LabException("ConsumerPerformance printed no summary:\n" + tail(out));
    }

    /**
     * EndToEndLatency: one record in flight at a time, each produced and consumed before the next is sent, so
     * this is latency without load. It prints whole milliseconds and no maximum.
     */
    LatencySummary endToEndLatency(String bootstrap, String topic, int records, String acks, int recordSize) {
        String out = run("org.apache.kafka.tools.EndToEndLatency", "e2e-" + topic, List.of("--bootstrap-server",
                bootstrap, "--topic", topic, "--num-records", String.valueOf(records), "--producer-acks", acks,
                "--record-size", String.valueOf(recordSize)));
        return parseEndToEndLatency(out);
    }

    static LatencySummary parseEndToEndLatency(String out) {
        Matcher avg = E2E_AVG.matcher(out);
        Matcher pct = E2E_PERCENTILES.matcher(out);
        if (!avg.find() || !pct.find()) {
            throw new LabException("EndToEndLatency printed no summary:\n" + tail(out));
        }
        return new LatencySummary(Double.parseDouble(avg.group(1)), Double.parseDouble(pct.group(1)),
                OptionalDouble.empty(), Double.parseDouble(pct.group(2)), Double.parseDouble(pct.group(3)),
                OptionalDouble.empty());
    }

    private String run(String mainClass, String logName, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, TOOL_HEAP, "-Djava.awt.headless=true", "-cp",
                RuntimeClasspath.get(), mainClass));
        cmd.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(logName + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // A run interrupted with Ctrl-C must not leave the tool running against a cluster that is gone.
            Thread killTool = new Thread(p::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(killTool);
            boolean finished = p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(killTool);
            if (!finished) {
                p.destroyForcibly().waitFor();
                throw new LabException(mainClass + " did not finish within " + deadline.toSeconds() + " s: see " + log);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new LabException(mainClass + " exited with " + p.exitValue() + " (log " + log + "):\n" + tail(out));
            }
            return out;
        } catch (IOException e) {
            throw new LabException("cannot run " + mainClass + " (" + java + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + mainClass, e);
        }
    }

    private static String tail(String out) {
        List<String> lines = out.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    static Map<String, String> producerConfigs(String acks, int lingerMs, int batchSize, String compression) {
        return Map.of("acks", acks, "linger.ms", String.valueOf(lingerMs), "batch.size", String.valueOf(batchSize),
                "compression.type", compression);
    }
}
