package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.costs.ClientJvm;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Ratio;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The producers against Kafka's ProducerPerformance, every run a fresh topic and a fresh JVM, timed by
 * {@link AckWindow}:
 * <ol>
 * <li>the A/A control: the kit's plain loop and the tool on the same records and settings must agree within
 * {@value Findings#AA_TOLERANCE_PCT} %, else the run is marked noisy;</li>
 * <li>the generator target: {@code Generate.java --rate max} against the tool sending the generator's values and
 * keys with the generator's settings;</li>
 * <li>anchors: Kreps's 2014 producer settings and his end-to-end latency test, replayed with Kafka's tools.</li>
 * </ol>
 */
final class ProducerSuite {
    static final String GROUP = "producer";
    static final String ANCHORS = "anchors";
    /** Jay Kreps, 2014: single producer thread, no replication, 100 B records, on the hardware described below. */
    static final double KREPS_RECORDS_PER_SEC = 821_557;
    static final double KREPS_MB_PER_SEC = 78.3;
    static final double KREPS_E2E_P50_MS = 2;
    static final double KREPS_E2E_P99_MS = 3;
    static final double KREPS_E2E_P999_MS = 14;
    static final String KREPS_HARDWARE = "6 machines, each Intel Xeon 2.5 GHz with 6 cores, 6 × 7200 rpm SATA "
            + "drives, 32 GB RAM, 1 Gb Ethernet; 3 brokers, ZooKeeper on a 4th, producers on others";
    static final int KREPS_E2E_RECORD_SIZE = 100;
    private static final Duration EXTRA_TIMEOUT = Duration.ofMinutes(3);

    private ProducerSuite() {
    }

    static SuiteResult run(BenchContext ctx) {
        Profile p = ctx.profile;
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("producer window", "warm-up " + p.producerWarmup().toSeconds() + " s of sending, then "
                + p.producerWindow().toSeconds() + " s of acknowledgements once the warm-up's records are acknowledged");

        ProducerPoint base = ProducerPoint.BASELINE;
        workload.put("producer " + base.name(), base.describe());
        Trials.Outcome<AckWindow.Figures> aa = ctx.trials(p.repetitions(), p.warmUp())
                .run(arm(ctx, ProducerArm.TOOL, base), arm(ctx, ProducerArm.KIT, base));
        rows.addAll(rows(base, aa, List.of(ProducerArm.TOOL, ProducerArm.KIT)));
        rows.add(ratioRow(base, aa, ProducerArm.KIT));

        ProducerPoint telemetry = ProducerPoint.generatorDefaults();
        workload.put("producer " + telemetry.name(), telemetry.describe());
        Trials.Outcome<AckWindow.Figures> gen = ctx.trials(p.repetitions(), p.warmUp())
                .run(arm(ctx, ProducerArm.TOOL, telemetry), arm(ctx, ProducerArm.GENERATOR, telemetry));
        rows.addAll(rows(telemetry, gen, List.of(ProducerArm.TOOL, ProducerArm.GENERATOR)));
        rows.add(ratioRow(telemetry, gen, ProducerArm.GENERATOR));

        ProducerPoint kreps = ProducerPoint.KREPS;
        workload.put("producer " + kreps.name(), kreps.describe());
        Trials.Outcome<AckWindow.Figures> k = ctx.trials(p.diagnosticRepetitions(), false)
                .run(arm(ctx, ProducerArm.TOOL, kreps));
        rows.add(figures(ANCHORS, kreps.name() + " producer", kreps, k, ProducerArm.TOOL)
                .fact("kreps_records_per_sec", KREPS_RECORDS_PER_SEC).fact("kreps_mb_per_sec", KREPS_MB_PER_SEC)
                .fact("kreps_hardware", KREPS_HARDWARE));
        Trials.Outcome<KafkaTools.RoundTrips> e2e = ctx.trials(p.diagnosticRepetitions(), false)
                .run(new Trials.Arm<>("EndToEndLatency", () -> roundTrips(ctx)));
        rows.add(Row.of(ANCHORS, "kreps-2014 end-to-end", "EndToEndLatency").param("acks", "1")
                .param("record_size", KREPS_E2E_RECORD_SIZE).param("records", p.krepsLatencyRecords())
                .param("partitions", 1)
                .figure("lat_p50_ms", e2e.spread("EndToEndLatency", KafkaTools.RoundTrips::p50Ms))
                .figure("lat_p99_ms", e2e.spread("EndToEndLatency", KafkaTools.RoundTrips::p99Ms))
                .figure("lat_p999_ms", e2e.spread("EndToEndLatency", KafkaTools.RoundTrips::p999Ms))
                .fact("kreps_p50_ms", KREPS_E2E_P50_MS).fact("kreps_p99_ms", KREPS_E2E_P99_MS)
                .fact("kreps_p999_ms", KREPS_E2E_P999_MS).load(e2e.load("EndToEndLatency"), e2e.discarded()));
        workload.put("end-to-end anchor", "Kafka's EndToEndLatency: " + p.krepsLatencyRecords() + " round trips of "
                + KREPS_E2E_RECORD_SIZE + " B, acks=1, one record in flight, a 1-partition topic (Kreps: 5,000)");
        notes.add("Kreps 2014 ran on " + KREPS_HARDWARE + ". Here one 2-core host holds the broker, the producer "
                + "and the harness: his figures are context, not a ratio.");
        return new SuiteResult(rows, workload, notes);
    }

    private static Trials.Arm<AckWindow.Figures> arm(BenchContext ctx, ProducerArm arm, ProducerPoint point) {
        return new Trials.Arm<>(arm.label, () -> runOnce(ctx, arm, point, List.of()));
    }

    /** One run: a fresh topic, the producer in its own JVM until its window closed, then the topic deleted. */
    static AckWindow.Figures runOnce(BenchContext ctx, ProducerArm arm, ProducerPoint point, List<String> extraFlags) {
        String topic = BenchContext.unique("produce-" + point.name());
        String devices = BenchContext.unique("devices");
        Path figures = ctx.workDir.resolve("producer").resolve(topic + ".json");
        try (Admin admin = ctx.kafka().admin()) {
            // CreateTime (the default): the record timestamp is the send time the latency is counted from.
            Topics.create(admin, TopicSpec.of(topic, point.partitions()));
        }
        Path clients = ctx.clientProperties(topic, ProducerArm.windowSettings(arm.interceptors(point), figures,
                ctx.profile.producerWarmup().toMillis(), ctx.profile.producerWindow().toMillis()));
        Optional<Path> payload = point.telemetry() ? Optional.of(TelemetryPayloads.file(ctx.workDir)) : Optional.empty();
        Duration timeout = ctx.profile.producerWarmup().plus(ctx.profile.producerWindow()).plus(EXTRA_TIMEOUT);
        try (ClientJvm child = arm.start(topic + "-" + arm.label, ctx.kafka().bootstrap(), topic, devices, point,
                payload, clients, ctx.logDir, extraFlags)) {
            AckWindow.Figures f = Await.value(timeout, arm.label + "'s window on " + topic + " to close", () -> {
                if (!child.alive()) {
                    throw child.failed("ended before its window closed");
                }
                return AckWindow.Figures.read(figures);
            });
            // SIGTERM: a flight recording, if any, is written on the way out.
            child.kill();
            if (f.failures() > 0 || f.records() == 0) {
                throw new LabException(arm.label + " had " + f.failures() + " failed sends and " + f.records()
                        + " acknowledged in its window on " + topic + ": see " + child.log());
            }
            return f;
        } finally {
            try (Admin admin = ctx.kafka().admin()) {
                Topics.delete(admin, List.of(topic, devices));
            }
        }
    }

    private static KafkaTools.RoundTrips roundTrips(BenchContext ctx) {
        String topic = BenchContext.unique("e2e");
        try (Admin admin = ctx.kafka().admin()) {
            Topics.create(admin, TopicSpec.of(topic, 1));
        }
        try (ClientJvm child = ClientJvm.startCommand(topic, ClientJvm.flags(ClientJvm.CLIENT_HEAP, List.of()),
                KafkaTools.END_TO_END_LATENCY, KafkaTools.endToEndLatency(ctx.kafka().bootstrap(), topic,
                        ctx.profile.krepsLatencyRecords(), "1", KREPS_E2E_RECORD_SIZE,
                        ctx.clientProperties(topic, Map.of())), ctx.logDir)) {
            child.awaitExit(EXTRA_TIMEOUT);
            return KafkaTools.parseEndToEndLatency(Files.readString(child.log()));
        } catch (IOException e) {
            throw new LabException("cannot read EndToEndLatency's output: " + e.getMessage(), e);
        } finally {
            try (Admin admin = ctx.kafka().admin()) {
                Topics.delete(admin, List.of(topic));
            }
        }
    }

    private static List<Row> rows(ProducerPoint point, Trials.Outcome<AckWindow.Figures> o, List<ProducerArm> arms) {
        return arms.stream().map(a -> figures(GROUP, point.name(), point, o, a)).toList();
    }

    /** One producer's figures on a point: ProducerPerformance's fields, each median [min–max] over the runs. */
    private static Row figures(String group, String name, ProducerPoint point, Trials.Outcome<AckWindow.Figures> o,
            ProducerArm arm) {
        String a = arm.label;
        Row r = Row.of(group, name, a).param("record_size", point.recordSize()).param("partitions", point.partitions())
                .param("keys", point.deviceKeys() ? "device ids" : "none");
        for (Map.Entry<String, String> s : point.settings().entrySet()) {
            r = r.param(s.getKey(), s.getValue());
        }
        return r.figure("records_per_sec", o.spread(a, AckWindow.Figures::recordsPerSec))
                .figure("mb_per_sec", o.spread(a, AckWindow.Figures::mbPerSec))
                .figure("lat_avg_ms", o.spread(a, AckWindow.Figures::avgLatencyMs))
                .figure("lat_p50_ms", o.spread(a, AckWindow.Figures::p50Ms))
                .figure("lat_p99_ms", o.spread(a, AckWindow.Figures::p99Ms))
                .figure("lat_p999_ms", o.spread(a, AckWindow.Figures::p999Ms))
                .figure("lat_max_ms", o.spread(a, AckWindow.Figures::maxLatencyMs))
                .figure("window_seconds", o.spread(a, AckWindow.Figures::seconds))
                .figure("seconds_before_window", o.spread(a, AckWindow.Figures::secondsBeforeWindow))
                .fact("jvm_flags", String.join(" ", o.values(a).get(0).jvmFlags()))
                .load(o.load(a), o.discarded());
    }

    /** The kit's side ÷ the tool's, paired by round; the A/A control's row says whether it is within tolerance. */
    private static Row ratioRow(ProducerPoint point, Trials.Outcome<AckWindow.Figures> o, ProducerArm kit) {
        Ratio r = o.ratio(kit.label, ProducerArm.TOOL.label, AckWindow.Figures::recordsPerSec);
        return Row.of(GROUP, point.name(), kit.label + " ÷ " + ProducerArm.TOOL.label)
                .figure("ratio", r.ratios()).fact("noise", r.isNoise())
                .fact("within_" + (int) Findings.AA_TOLERANCE_PCT + "_pct", r.within(Findings.AA_TOLERANCE_PCT))
                .load(o.load(kit.label).max(o.load(ProducerArm.TOOL.label)), o.discarded());
    }
}
