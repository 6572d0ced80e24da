package dev.streaminglab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The ratios a run is read by, rather than bare numbers that only mean something on the machine that made
 * them: the kit ÷ Kafka's tool, each Streams stage ÷ the passthrough, latency at half load, and Kafka on this
 * machine against its published single-producer result.
 */
public final class BenchFindings {
    /**
     * Jay Kreps, "Benchmarking Apache Kafka: 2 Million Writes Per Second (On Three Cheap Machines)", 2014: one
     * producer thread, 100-byte records, no replication, 6 partitions on three brokers (6-core 2.5 GHz Xeons).
     */
    public static final double KREPS_2014_RECORDS_PER_SEC = 821_557;
    public static final int KREPS_2014_CORES_PER_BROKER = 6;

    /** A value of the kit's next to the same value of a reference. */
    public record Ratio(String label, String implementation, double value, String reference, double referenceValue) {
        public double ratio() {
            return value / referenceValue;
        }
    }

    private BenchFindings() {
    }

    /** Each producer under test ÷ ProducerPerformance, records/s, per configuration (sweep and replication). */
    public static List<Ratio> producerRatios(BenchResults r) {
        return toolRatios(r, ProducerSuite.NAME, ProducerSuite.KAFKA_TOOL, "records_per_sec");
    }

    public static List<Ratio> replicationRatios(BenchResults r) {
        return toolRatios(r, ReplicationSuite.NAME, ProducerSuite.KAFKA_TOOL, "records_per_sec");
    }

    public static List<Ratio> consumerRatios(BenchResults r) {
        return toolRatios(r, ConsumerSuite.NAME, ConsumerSuite.KAFKA_TOOL, "records_per_sec");
    }

    private static List<Ratio> toolRatios(BenchResults r, String suite, String tool, String metric) {
        List<Ratio> ratios = new ArrayList<>();
        for (Measurement m : r.rows(suite)) {
            if (m.implementation().equals(tool)) {
                continue;
            }
            r.rows(o -> o.suite().equals(suite) && o.name().equals(m.name()) && o.implementation().equals(tool))
                    .stream().findFirst().ifPresent(ref -> ratios.add(new Ratio(m.name(), m.implementation(),
                            m.metrics().get(metric), tool, ref.metrics().get(metric))));
        }
        return ratios;
    }

    /** Catch-up throughput of each stage (at-least-once, RocksDB, one thread) ÷ the passthrough's. */
    public static List<Ratio> stageFractions(BenchResults r) {
        return relativeTo(r, "stage", m -> "passthrough");
    }

    /** Each stage under exactly-once v2, in-memory stores or two threads ÷ the same stage in its stage row. */
    public static List<Ratio> knobRatios(BenchResults r, String axis) {
        return relativeTo(r, axis, m -> String.valueOf(m.params().get("stage")));
    }

    private static List<Ratio> relativeTo(BenchResults r, String axis,
            Function<Measurement, String> referenceStage) {
        List<Ratio> ratios = new ArrayList<>();
        for (Measurement m : rowsOnAxis(r, StreamsSuite.NAME, axis)) {
            String refStage = referenceStage.apply(m);
            rowsOnAxis(r, StreamsSuite.NAME, "stage").stream()
                    .filter(o -> refStage.equals(o.params().get("stage"))).findFirst()
                    .ifPresent(ref -> ratios.add(new Ratio(m.name(), m.implementation(), m.metrics().get("records_per_sec"),
                            ref.name(), ref.metrics().get("records_per_sec"))));
        }
        return ratios;
    }

    /** p99 produce-to-consume latency (ms) of the kit's loaded run at this fraction of the maximum throughput. */
    public static OptionalDouble e2eP99At(BenchResults r, double fraction) {
        return r.rows(EndToEndSuite.NAME).stream()
                .filter(m -> m.implementation().equals(EndToEndSuite.KIT))
                .filter(m -> m.params().get("load_fraction") instanceof Number n && Math.abs(n.doubleValue() - fraction) < 1e-9)
                .mapToDouble(m -> m.metrics().get("lat_p99_ms")).findFirst();
    }

    /**
     * ProducerPerformance at the baseline (100 B, acks=1, no replication) per core of this machine, next to
     * Kreps's figure per core of one of his brokers. His producer ran on a fourth machine and his load was spread
     * over three brokers, ours shares two cores with the broker: the comparison flatters him, and says so.
     */
    public static Optional<Ratio> krepsPerCore(BenchResults r) {
        int cores = r.machine().cores();
        return r.rows(ProducerSuite.NAME).stream()
                .filter(m -> m.implementation().equals(ProducerSuite.KAFKA_TOOL) && "baseline".equals(m.params().get("axis")))
                .findFirst()
                .map(m -> new Ratio("ProducerPerformance, 100 B, acks=1, per core", ProducerSuite.KAFKA_TOOL,
                        m.metrics().get("records_per_sec") / cores, "Kreps 2014, per core of one broker",
                        KREPS_2014_RECORDS_PER_SEC / KREPS_2014_CORES_PER_BROKER));
    }

    /** Rows of one axis of a suite, in run order. */
    public static List<Measurement> rowsOnAxis(BenchResults r, String suite, String axis) {
        return r.rows(m -> m.suite().equals(suite) && Objects.equals(axis, m.params().get("axis")));
    }

    /** The headline figures of a run, label to text, for the report and the notebook. */
    public static Map<String, String> headline(BenchResults r) {
        Map<String, String> h = new LinkedHashMap<>();
        // The plain loop against the tool on its own payload, then everyone on the generator's telemetry.
        for (String point : List.of(ProducerPoint.BASELINE.label(), "telemetry")) {
            producerRatios(r).stream().filter(x -> x.label().equals(point))
                    .forEach(x -> h.put("producer " + x.implementation() + " ÷ ProducerPerformance (" + point + ")",
                            String.format("%.2f (%,.0f vs %,.0f records/s)", x.ratio(), x.value(), x.referenceValue())));
        }
        for (Ratio x : stageFractions(r).stream().filter(x -> !x.label().equals(x.reference())).toList()) {
            h.put("Streams " + x.label().split(" ")[0] + " ÷ passthrough",
                    String.format("%.2f (%,.0f vs %,.0f records/s)", x.ratio(), x.value(), x.referenceValue()));
        }
        e2eP99At(r, 0.5).ifPresent(p -> h.put("end-to-end p99 at 50 % load", String.format("%.1f ms", p)));
        krepsPerCore(r).ifPresent(k -> h.put("Kafka per core vs Kreps 2014 per core",
                String.format("%.2f (%,.0f vs %,.0f records/s/core)", k.ratio(), k.value(), k.referenceValue())));
        return h;
    }
}
