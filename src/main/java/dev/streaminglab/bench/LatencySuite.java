package dev.streaminglab.bench;

import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import dev.streaminglab.costs.CatchUp;
import dev.streaminglab.costs.ClientJvm;
import dev.streaminglab.costs.InputForm;
import dev.streaminglab.costs.Stage;
import dev.streaminglab.costs.Telemetry;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.SyntheticTelemetry;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.measure.Trials;
import dev.streaminglab.pipeline.PipelineCommand;
import dev.streaminglab.pipeline.PipelineProgress;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.serve.DashboardCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The latency users feel: readings made by the generator's live source ({@link PacedLoader}), processed by the
 * real pipeline ({@code Pipeline.java}), pushed by the real dashboard ({@code Dashboard.java}) and read from its
 * event stream by a client ({@link SseClient}), each in a JVM of its own, at fractions of the pipeline's own
 * measured maximum. Latency runs from each reading's creation time, which is also when it was due to be sent, to
 * the moment the client saw a window update that counts it ({@link LatencyJoin}); every clock is this machine's.
 */
final class LatencySuite {
    static final String GROUP = "latency";
    static final String CLIENT = "generator → pipeline → dashboard client";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(20);

    /** One pipeline configuration and the loads it is measured at. */
    record Config(String name, Guarantee guarantee, long commitMs, boolean cacheOff, List<Double> loads) {
        List<String> streamsProperties() {
            List<String> p = new ArrayList<>(List.of("--streams-property",
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG + "=" + commitMs));
            if (cacheOff) {
                p.addAll(List.of("--streams-property", StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG + "=0"));
            }
            return p;
        }
    }

    /** What one load level gave: latency percentiles end to end and by hop (ms), readings measured, never seen. */
    record Level(double fraction, double rate, double p50, double p99, double p999, double max, double pipelineP50,
            double pipelineP99, double dashboardP99, double clientP99, long readings, long missing, long lateSends) {
    }

    private LatencySuite() {
    }

    static List<Config> configs(Profile p) {
        return List.of(new Config("at-least-once, commit 1 s, cache on", Guarantee.AT_LEAST_ONCE, 1000, false,
                        p.loadFractions()),
                new Config("at-least-once, commit 1 s, cache off", Guarantee.AT_LEAST_ONCE, 1000, true, List.of(0.5)),
                new Config("exactly-once, commit 1 s, cache on", Guarantee.EXACTLY_ONCE_V2, 1000, false, List.of(0.5)),
                new Config("exactly-once, commit 100 ms, cache on", Guarantee.EXACTLY_ONCE_V2, 100, false,
                        List.of(0.5)));
    }

    static SuiteResult run(BenchContext ctx) {
        Map<String, Object> workload = new LinkedHashMap<>();
        if (!ctx.ownCluster) {
            return new SuiteResult(List.of(), workload, List.of("The latency suite runs only on the benchmark's own "
                    + "cluster: the pipeline and the dashboard use the standard topic names."));
        }
        double max = pipelineMaximum(ctx);
        Profile p = ctx.profile;
        List<Config> configs = configs(p);
        workload.put("latency loads", "fractions " + p.loadFractions() + " of the pipeline's maximum, "
                + String.format(Locale.ROOT, "%,.0f", max) + " records/s (at-least-once, commit 1 s, cache on, "
                + "measured by the streams suite without the dashboard)");
        workload.put("latency levels", "warm-up " + p.latencyWarmup().toSeconds() + " s, then readings created during "
                + p.latencyWindow().toSeconds() + " s are measured; valid readings of the 54 motes, the generator's "
                + "producer settings");
        configs.forEach(c -> workload.put("latency " + c.name(), "loads " + c.loads()));
        Trials.Outcome<List<Level>> o = ctx.trials(p.diagnosticRepetitions(), false)
                .run(configs.stream().map(c -> new Trials.Arm<>(c.name(), () -> runConfig(ctx, c, max))).toList());
        List<Row> rows = new ArrayList<>();
        for (Config c : configs) {
            List<List<Level>> runs = o.values(c.name());
            for (int i = 0; i < c.loads().size(); i++) {
                int level = i;
                List<Level> at = runs.stream().map(r -> r.get(level)).toList();
                rows.add(Row.of(GROUP, c.name() + " @ " + Math.round(c.loads().get(i) * 100) + " %", CLIENT)
                        .param("guarantee", c.guarantee().config).param("commit_interval_ms", c.commitMs())
                        .param("cache", c.cacheOff() ? "off" : "on").param("load_fraction", c.loads().get(i))
                        .param("rate", Math.round(at.get(0).rate()))
                        .figure("lat_p50_ms", spread(at, Level::p50)).figure("lat_p99_ms", spread(at, Level::p99))
                        .figure("lat_p999_ms", spread(at, Level::p999)).figure("lat_max_ms", spread(at, Level::max))
                        .figure("pipeline_p50_ms", spread(at, Level::pipelineP50))
                        .figure("pipeline_p99_ms", spread(at, Level::pipelineP99))
                        .figure("kafka_to_dashboard_p99_ms", spread(at, Level::dashboardP99))
                        .figure("dashboard_to_client_p99_ms", spread(at, Level::clientP99))
                        .fact("readings", at.stream().mapToLong(Level::readings).sum())
                        .fact("never_seen", at.stream().mapToLong(Level::missing).sum())
                        .fact("late_sends", at.stream().mapToLong(Level::lateSends).sum())
                        .load(o.load(c.name()), o.discarded()));
            }
        }
        return new SuiteResult(rows, workload, List.of("Latency clocks: the loader, the pipeline, Kafka, the "
                + "dashboard and its client all run on this one machine and read the same system clock."));
    }

    private static Spread spread(List<Level> levels, ToDoubleFunction<Level> f) {
        return Spread.of(levels.stream().map(f::applyAsDouble).toList());
    }

    /**
     * The pipeline's own maximum: its at-least-once catch-up throughput with production settings, as the streams
     * suite measured it (the exactly-once cost's at-least-once arm), or measured here when that suite did not run.
     */
    static double pipelineMaximum(BenchContext ctx) {
        String arm = StreamsSuite.production().withGuarantee(Guarantee.AT_LEAST_ONCE).label();
        return ctx.rows.stream().filter(r -> r.is(StreamsSuite.EXACTLY_ONCE, Stage.PIPELINE.label(), arm))
                .findFirst().map(r -> r.require("records_per_sec").median())
                .orElseGet(() -> ctx.trials(ctx.profile.diagnosticRepetitions(), false)
                        .run(new Trials.Arm<>("pipeline maximum", () -> CatchUp.run(ctx.rig(),
                                Stage.PIPELINE, StreamsSuite.production().withGuarantee(Guarantee.AT_LEAST_ONCE),
                                ctx.rig().telemetry(InputForm.RAW, ctx.profile.pipelineRecords(), TopicSet.PARTITIONS),
                                StreamsSuite.RUN_TIMEOUT)))
                        .spread("pipeline maximum", CatchUp.Run::recordsPerSec).median());
    }

    /** The pipeline, the dashboard and a client started fresh on fresh topics, then every load of the config. */
    private static List<Level> runConfig(BenchContext ctx, Config c, double max) {
        resetTopics(ctx);
        String app = BenchContext.unique("pipeline");
        Path dir = ctx.workDir.resolve("latency").resolve(app);
        Path clients = ctx.clientProperties(app, Map.of());
        List<String> pipelineArgs = new ArrayList<>(List.of(PipelineCommand.class.getName(), "--bootstrap",
                ctx.kafka().bootstrap(), "--client-config", clients.toString(), "--application-id", app, "--guarantee",
                c.guarantee().config, "--http-port", "0", "--state-dir", dir.resolve("state").toString()));
        pipelineArgs.addAll(c.streamsProperties());
        int port = freePort();
        Path updates = dir.resolve("client").resolve("updates.csv");
        try (ClientJvm pipeline = ClientJvm.startCommand(app, ClientJvm.flags(ClientJvm.STREAMS_HEAP, List.of()),
                Cli.class.getName(), pipelineArgs, ctx.logDir)) {
            awaitLog(pipeline, " RUNNING on ");
            try (ClientJvm dashboard = ClientJvm.startCommand(app + "-dashboard", ClientJvm.flags(ClientJvm.CLIENT_HEAP,
                    List.of()), Cli.class.getName(), List.of(DashboardCommand.class.getName(), "--bootstrap",
                    ctx.kafka().bootstrap(), "--client-config", clients.toString(), "--port", String.valueOf(port),
                    "--pipeline-id", app), ctx.logDir)) {
                awaitLog(dashboard, "dashboard at ");
                Files.createDirectories(updates.getParent());
                try (ClientJvm client = ClientJvm.start(app + "-client", ClientJvm.flags(ClientJvm.CLIENT_HEAP,
                        List.of()), SseClient.class.getName(), List.of("http://127.0.0.1:" + port + "/events",
                        updates.toString()), ctx.logDir)) {
                    Await.until(START_TIMEOUT, "the dashboard client to be live", () -> {
                        if (!client.alive()) {
                            throw client.failed("ended before the dashboard's stream was live");
                        }
                        return Files.exists(updates.resolveSibling(SseClient.READY));
                    });
                    List<LatencyJoin.Sent> sent = new ArrayList<>();
                    List<Level> levels = new ArrayList<>();
                    for (double fraction : c.loads()) {
                        levels.add(level(ctx, app, clients, fraction, fraction * max, sent, updates, dir));
                    }
                    return levels;
                }
            }
        } catch (IOException e) {
            throw new LabException("latency run " + app + " failed: " + e.getMessage(), e);
        } finally {
            try (Admin admin = ctx.kafka().admin()) {
                Topics.delete(admin, Topics.internalTopics(admin, app));
            }
            FileUtils.deleteQuietly(dir.resolve("state").toFile());
        }
    }

    /** One load level: the loader at {@code rate}, the pipeline caught up, every reading of the window joined. */
    private static Level level(BenchContext ctx, String app, Path clients, double fraction, double rate,
            List<LatencyJoin.Sent> sent, Path updates, Path dir) throws IOException {
        Profile p = ctx.profile;
        long records = Math.max(1, Math.round(rate * (p.latencyWarmup().toSeconds() + p.latencyWindow().toSeconds())));
        long start = System.currentTimeMillis() + 500;
        Path summary = dir.resolve("loader-" + Math.round(fraction * 100) + ".json");
        PipelineProgress progress = PipelineProgress.mark(ctx.kafka(), app);
        try (ClientJvm loader = ClientJvm.start(app + "-loader-" + Math.round(fraction * 100),
                ClientJvm.flags(ClientJvm.CLIENT_HEAP, List.of()), PacedLoader.class.getName(),
                PacedLoader.args(ctx.kafka().bootstrap(), clients, rate, records, start, summary), ctx.logDir)) {
            loader.awaitExit(p.latencyWarmup().plus(p.latencyWindow()).plus(DRAIN_TIMEOUT));
        }
        PacedLoader.Summary s = Json.MAPPER.readValue(summary.toFile(), PacedLoader.Summary.class);
        SyntheticTelemetry readings = PacedLoader.readings(rate, records, start);
        while (readings.hasNext()) {
            OutgoingRecord r = readings.next();
            sent.add(new LatencyJoin.Sent(r.key(), r.eventTime()));
        }
        progress.awaitCaughtUp(DRAIN_TIMEOUT);
        long from = start + p.latencyWarmup().toMillis();
        long to = from + p.latencyWindow().toMillis();
        LatencyJoin.Outcome joined = Await.value(VISIBLE_TIMEOUT, () -> {
            LatencyJoin.Outcome j = join(sent, updates, from, to);
            return j.missing() == 0 ? Optional.of(j) : Optional.empty();
        }).orElseGet(() -> join(sent, updates, from, to));
        Histogram e = joined.endToEnd();
        return new Level(fraction, rate, e.getValueAtPercentile(50), e.getValueAtPercentile(99),
                e.getValueAtPercentile(99.9), e.getMaxValue(), joined.pipeline().getValueAtPercentile(50),
                joined.pipeline().getValueAtPercentile(99), joined.toDashboard().getValueAtPercentile(99),
                joined.toClient().getValueAtPercentile(99), joined.readings(), joined.missing(), s.lateSends());
    }

    private static LatencyJoin.Outcome join(List<LatencyJoin.Sent> sent, Path updates, long from, long to) {
        try {
            return LatencyJoin.join(sent, SseClient.read(updates), from, to);
        } catch (IOException e) {
            throw new LabException("cannot read the dashboard client's updates " + updates + ": " + e.getMessage(), e);
        }
    }

    /** The standard topics, emptied: every configuration starts from nothing, with the registry published. */
    private static void resetTopics(BenchContext ctx) {
        try (Admin admin = ctx.kafka().admin()) {
            Topics.delete(admin, TopicSet.STANDARD.all());
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        Telemetry.REGISTRY.publish(ctx.kafka());
    }

    private static void awaitLog(ClientJvm child, String marker) {
        Await.until(START_TIMEOUT, () -> child.name() + " to print '" + marker.strip() + "'", () -> {
            if (!child.alive()) {
                throw child.failed("ended before it was ready");
            }
            try {
                return Files.readString(child.log()).contains(marker);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LabException("no free port for the dashboard: " + e.getMessage(), e);
        }
    }
}
