package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Final results of windows: suppress() holds every open window's latest count in a buffer on the heap and emits
 * only when stream time passes the window's end, never on wall-clock time; a bounded buffer either stops the
 * application or emits early when full. The windowed aggregation's own emit strategy (KIP-825) gives the same final
 * results from the store, off the heap.
 */
final class Suppression implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(1_000, 50_000);
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int BOUNDED = 100;
    static final String GROUP = "stream-state-metrics";
    /** Wall-clock time that passes with open windows and no new record: nothing may be emitted during it. */
    static final Duration WALL_CLOCK = Duration.ofSeconds(2);

    /** How the final results are held back. */
    enum Buffer {
        UNBOUNDED("suppress, unbounded"),
        SHUT_DOWN_WHEN_FULL("suppress, 100 records, shut down when full"),
        EMIT_EARLY_WHEN_FULL("suppress(untilTimeLimit 10 s), 100 records, emit early when full"),
        ON_WINDOW_CLOSE("emitStrategy(onWindowClose)");

        final String label;

        Buffer(String label) {
            this.label = label;
        }
    }

    private static final About ABOUT = new About("suppression", "Time: suppression (final results)",
            "Where does suppress() keep what it holds back, and when does it let go?",
            "suppress(untilWindowCloses) buffers the latest result of every open window on the JVM heap and emits "
                    + "only when stream time passes the window end: no emission on wall-clock time. A bounded buffer "
                    + "that fills either stops the application or emits early, non-final results.",
            "1 partition, 10 s tumbling count, no grace; " + KEYS.text() + " keys at 1 s; 2 s of "
                    + "wall-clock time; then one record at 11 s; with an unbounded buffer, a 100-record buffer that "
                    + "shuts down or emits early when full, and emitStrategy(onWindowClose) instead of suppress().",
            "Size the heap for the buffer (keys × open windows) or bound it and choose what happens when full; for "
                    + "windowed final results prefer emitStrategy(onWindowClose), which reads them from the store; "
                    + "make sure stream time advances (heartbeats) so windows close.",
            List.of(Source.kip(328, "Ability to suppress updates for KTables"),
                    Source.kip(825, "introduce a new API to control when aggregated results are produced"),
                    Source.docs("streams/developer-guide/dsl-api", "Streams DSL, suppress and emit strategy")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Counts per 10 s window; final results to {@code out} as "key@start"; {@code seen} counts records read. */
    static Topology topology(String in, String out, Buffer buffer, AtomicLong seen) {
        StreamsBuilder b = new StreamsBuilder();
        var windowed = b.<String, String>stream(in).peek((k, v) -> seen.incrementAndGet()).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW));
        KTable<Windowed<String>, Long> counts = buffer == Buffer.ON_WINDOW_CLOSE
                ? windowed.emitStrategy(EmitStrategy.onWindowClose())
                        .count(Materialized.with(Serdes.String(), Serdes.Long()))
                : windowed.count(Materialized.with(Serdes.String(), Serdes.Long())).suppress(switch (buffer) {
                    case UNBOUNDED -> Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded());
                    case SHUT_DOWN_WHEN_FULL -> Suppressed.untilWindowCloses(
                            Suppressed.BufferConfig.maxRecords(BOUNDED).shutDownWhenFull());
                    default -> Suppressed.untilTimeLimit(WINDOW,
                            Suppressed.BufferConfig.maxRecords(BOUNDED).emitEarlyWhenFull());
                });
        counts.toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm(Buffer.UNBOUNDED.label, bench -> once(bench, Buffer.UNBOUNDED, keys)),
                lab.arm(Buffer.SHUT_DOWN_WHEN_FULL.label, bench -> once(bench, Buffer.SHUT_DOWN_WHEN_FULL, keys)),
                lab.arm(Buffer.EMIT_EARLY_WHEN_FULL.label, bench -> once(bench, Buffer.EMIT_EARLY_WHEN_FULL, keys)),
                lab.arm(Buffer.ON_WINDOW_CLOSE.label, bench -> once(bench, Buffer.ON_WINDOW_CLOSE, keys))));
    }

    private static Take once(Workbench bench, Buffer buffer, int keys) {
        String in = bench.topic("in", 1);
        String out = bench.topic("out", 1);
        AtomicLong seen = new AtomicLong();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, out, buffer, seen),
                // The buffer's metrics are recorded at DEBUG level only.
                Map.of(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG")).startAndAwaitRunning();
        bench.produce(in, IntStream.range(0, keys).mapToObj(i -> Rec.of("k" + i, "v", 1_000)).toList());
        Await.until(Duration.ofMinutes(2), "every record to be read (or the application to stop)",
                () -> seen.get() >= keys || app.failed());
        Take take = new Take();
        if (buffer == Buffer.SHUT_DOWN_WHEN_FULL) {
            Workbench.awaitStopped(app);
            Throwable root = Workbench.rootCause(app.error().orElseThrow());
            return take.fact("state", app.streams().state().name())
                    .fact("error", root.getClass().getSimpleName() + ": " + bench.anonymous(root.getMessage()));
        }
        Timed.observe(WALL_CLOCK);
        long beforeAdvance = bench.read(out, keys, Duration.ofSeconds(1), new LongDeserializer()).size();
        double bufferBytes = Metrics.sum(app.streams(), GROUP, "suppression-buffer-size-max");
        long buffered = (long) Metrics.sum(app.streams(), GROUP, "suppression-buffer-count-max");
        long t0 = System.nanoTime();
        bench.produce(in, List.of(Rec.of("tick", "v", 11_000)));
        long expected = buffer == Buffer.EMIT_EARLY_WHEN_FULL ? keys : beforeAdvance + keys;
        var all = bench.read(out, (int) expected, Duration.ofSeconds(60), new LongDeserializer());
        return take.figure("heapBufferBytes", bufferBytes)
                .figure("msToEmitAfterStreamTimeAdvanced", Timed.millisSince(t0))
                .fact("state", app.streams().state().name())
                .fact("keys", keys)
                .fact("bufferedRecordsMax", buffered)
                .fact("emittedBeforeStreamTimeAdvanced", beforeAdvance)
                .fact("emittedInTotal", all.size());
    }

    @Override
    public Finding read(Evidence e) {
        String unbounded = Buffer.UNBOUNDED.label;
        String full = Buffer.SHUT_DOWN_WHEN_FULL.label;
        String early = Buffer.EMIT_EARLY_WHEN_FULL.label;
        String close = Buffer.ON_WINDOW_CLOSE.label;
        return new Finding(Verdict.WORKS_WITH_COST, e.count(Lab.RUN, unbounded, "bufferedRecordsMax") + " windows held "
                + "in a heap buffer of " + LimitsReport.format(e.figure(Lab.RUN, unbounded, "heapBufferBytes").scaled(1e-3))
                + " kB; " + e.count(Lab.RUN, unbounded, "emittedBeforeStreamTimeAdvanced") + " emitted in 2 s of "
                + "wall-clock time, " + e.count(Lab.RUN, unbounded, "emittedInTotal") + " once stream time passed 10 s; "
                + "a full 100-record buffer: " + e.text(Lab.RUN, full, "state") + " (" + e.text(Lab.RUN, full, "error")
                + ") or " + e.count(Lab.RUN, early, "emittedBeforeStreamTimeAdvanced") + " early, non-final results",
                "emitStrategy(onWindowClose) emitted " + e.count(Lab.RUN, close, "emittedBeforeStreamTimeAdvanced")
                        + " before and " + e.count(Lab.RUN, close, "emittedInTotal") + " after stream time advanced, "
                        + "with no heap buffer (" + e.count(Lab.RUN, close, "bufferedRecordsMax") + " buffered)");
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("bytes held on the heap", "heapBufferBytes"));
    }
}
