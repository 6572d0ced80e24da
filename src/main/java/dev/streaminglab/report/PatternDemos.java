package dev.streaminglab.report;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.domain.Acknowledgement;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.AlertResponse;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.domain.Windowing;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.RecordKind;
import dev.streaminglab.ingest.Scenario;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.process.AlertResponses;
import dev.streaminglab.process.DeviceSessions;
import dev.streaminglab.process.FinalWindows.Emit;
import dev.streaminglab.process.FinalWindows;
import dev.streaminglab.process.RegistryAsOf;
import dev.streaminglab.process.RollingMax;
import dev.streaminglab.process.StatsAccumulator;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import dev.streaminglab.report.PatternRuns.Edit;
import dev.streaminglab.report.PatternRuns.Emitted;
import dev.streaminglab.report.PatternRuns.Pacing;
import java.awt.BasicStroke;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Streams patterns of notebook 06, each run on the same small input: the workshop scenario ({@link Scenario}),
 * with two devices falling quiet for a while. Each method runs a pattern of {@code process} on TopologyTestDriver
 * (through {@link PatternRuns}) behind the pipeline's own validation and enrichment, and returns what it wrote with a
 * chart or a table: the notebook only calls and shows. Every figure is exact and the same on every run.
 */
public final class PatternDemos {
    private static final TopicSet TOPICS = TopicSet.STANDARD;
    private static final EnumSet<Stage> ENRICHED = EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT);
    /** The replay rate of the comparisons: a modest catch-up, about 12 times the input's live rate. */
    public static final int REPLAY_PER_SECOND = 100;

    private PatternDemos() {
    }

    /**
     * The input: {@code devices} lab motes on 2 sites reporting every 30 s for {@code span} from {@code start}, with
     * the workshop's incidents (an overheating first device, a spike, malformed and late records); the second
     * device is quiet for 5 minutes from a third of the span, the third for 4 minutes from two thirds.
     */
    public record Input(Instant start, Duration span, List<Device> devices, List<OutgoingRecord> records) {
        public static Input workshop(Instant start, Duration span, int devices) {
            Scenario s = Scenario.workshop("p", devices, 2, start, span, Duration.ofSeconds(30), 7);
            List<Device> ds = s.devices();
            long third = span.toMillis() / 3;
            List<OutgoingRecord> records = s.records().stream()
                    .filter(r -> !quiet(r, ds.get(1), start.toEpochMilli() + third, Duration.ofMinutes(5)))
                    .filter(r -> !quiet(r, ds.get(2), start.toEpochMilli() + 2 * third, Duration.ofMinutes(4)))
                    .toList();
            return new Input(start, span, ds, records);
        }

        private static boolean quiet(OutgoingRecord r, Device d, long from, Duration length) {
            return r.key().equals(d.deviceId()) && r.eventTime() >= from && r.eventTime() < from + length.toMillis();
        }

        /** The registry as it stands at the start: every device's row, holding from then on. */
        public List<Edit> registry() {
            return devices.stream().map(d -> new Edit(d.deviceId(), d, start)).toList();
        }

        /** When a run starts its wall clock: live, at the start; a replay, once the span is over. */
        Instant wallClock(Pacing pacing) {
            return pacing.perRecord() == null ? start : start.plus(span);
        }

        double minutes(long t) {
            return (t - start.toEpochMilli()) / 60_000.0;
        }
    }

    private static PatternRuns run(Input in, Set<Stage> stages, Consumer<StreamsBuilder> pattern, Pacing pacing) {
        return PatternRuns.of(stages, pattern, in.wallClock(pacing));
    }

    // ---- Session windows -------------------------------------------------------------------------------------

    /** Activity sessions: those closed (on the topic) and those still open at the end (in the store). */
    public record Sessions(List<WindowStats> closed, List<WindowStats> open, XYChart chart) {
    }

    public static Sessions sessions(Input in) {
        try (PatternRuns run = run(in, ENRICHED, b -> DeviceSessions.build(b, TOPICS), Pacing.live())
                .watch(TOPICS.sessions(), WindowStats.SERDE)
                .send(in.registry(), in.records(), Pacing.live())) {
            List<WindowStats> closed = run.values(TOPICS.sessions());
            List<WindowStats> open = new ArrayList<>(run.<StatsAccumulator>sessions(DeviceSessions.STORE,
                            in.devices().stream().map(Device::deviceId).toList(), in.start()).stream()
                    .map(kv -> kv.value.toStats(kv.key.key(), kv.key.window().start(), kv.key.window().end()))
                    .toList());
            open.removeAll(closed);
            XYChart chart = Charts.lines("Activity sessions per device: solid closed and emitted, dashed still open",
                    "minutes since start", "");
            List<String> ids = in.devices().stream().map(Device::deviceId).toList();
            chart.getStyler().setYAxisMin(0.5).setYAxisMax(ids.size() + 0.5).setYAxisTicksVisible(false);
            // One colour per device, named once in the legend.
            Color[] colours = chart.getStyler().getSeriesColors();
            for (int i = 0; i < ids.size(); i++) {
                XYSeries name = chart.addSeries(ids.get(i), List.of(0.0), List.of(i + 1.0));
                name.setMarker(SeriesMarkers.NONE);
                name.setLineColor(colours[i % colours.length]);
            }
            spans(chart, in, ids, closed, SeriesLines.SOLID, colours);
            spans(chart, in, ids, open, SeriesLines.DASH_DASH, colours);
            return new Sessions(closed, open, chart);
        }
    }

    private static void spans(XYChart chart, Input in, List<String> ids, List<WindowStats> sessions,
            BasicStroke line, Color[] colours) {
        for (WindowStats s : sessions) {
            int device = ids.indexOf(s.key());
            XYSeries span = chart.addSeries(s.key() + "@" + s.windowStart() + "/" + line.hashCode(),
                    List.of(in.minutes(s.windowStart()), in.minutes(s.windowEnd())),
                    List.of(device + 1.0, device + 1.0));
            span.setLineStyle(line);
            span.setLineWidth(6);
            span.setMarker(SeriesMarkers.CIRCLE);
            span.setMarkerColor(colours[device % colours.length]);
            span.setLineColor(colours[device % colours.length]);
            span.setShowInLegend(false);
        }
    }

    public static Table sessionTable(List<WindowStats> sessions, Input in) {
        Table t = Table.create("sessions", StringColumn.create("device"), DoubleColumn.create("from (min)"),
                DoubleColumn.create("to (min)"), IntColumn.create("readings"), DoubleColumn.create("max °C"));
        sessions.stream().sorted(Comparator.comparing(WindowStats::key).thenComparing(WindowStats::windowStart))
                .forEach(s -> {
                    t.stringColumn(0).append(s.key());
                    t.doubleColumn(1).append(round(in.minutes(s.windowStart())));
                    t.doubleColumn(2).append(round(in.minutes(s.windowEnd())));
                    t.intColumn(3).append((int) s.count());
                    t.doubleColumn(4).append(s.temperatureMax());
                });
        return t;
    }

    // ---- Sliding windows -------------------------------------------------------------------------------------

    /** The first device's readings and its rolling 5-minute maximum (one sliding window per distinct set). */
    public record Rolling(String device, List<EnrichedReading> readings, List<WindowStats> windows, XYChart chart) {
    }

    public static Rolling rollingMax(Input in) {
        String device = in.devices().get(0).deviceId();
        try (PatternRuns run = run(in, ENRICHED, b -> RollingMax.build(b, TOPICS), Pacing.live())
                .watch(TOPICS.enriched(), EnrichedReading.SERDE).watch(TOPICS.rollingMax(), WindowStats.SERDE)
                .send(in.registry(), in.records(), Pacing.live())) {
            List<EnrichedReading> readings = run.<EnrichedReading>values(TOPICS.enriched()).stream()
                    .filter(r -> r.deviceId().equals(device)).sorted(Comparator.comparing(EnrichedReading::timestamp))
                    .toList();
            List<WindowStats> windows = run.<WindowStats>values(TOPICS.rollingMax()).stream()
                    .filter(w -> w.key().equals(device)).sorted(Comparator.comparing(WindowStats::windowEnd)).toList();
            XYChart chart = Charts.lines("Rolling 5-minute maximum of " + device + " (sliding windows)",
                    "minutes since start", "temperature (°C)");
            XYSeries points = chart.addSeries("readings", readings.stream().map(r -> in.minutes(r.timestamp())).toList(),
                    readings.stream().map(EnrichedReading::temperature).toList());
            points.setLineStyle(SeriesLines.NONE);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (WindowStats w : windows) {
                // A step: the maximum holds until the next window's end.
                if (!y.isEmpty()) {
                    x.add(in.minutes(w.windowEnd()));
                    y.add(y.get(y.size() - 1));
                }
                x.add(in.minutes(w.windowEnd()));
                y.add(w.temperatureMax());
            }
            chart.addSeries("max of the last 5 minutes, by window end", x, y).setMarker(SeriesMarkers.NONE);
            chart.addSeries("threshold (tempMaxC)", List.of(0.0, in.minutes(in.start().plus(in.span()).toEpochMilli())),
                    List.of(in.devices().get(0).tempMaxC(), in.devices().get(0).tempMaxC()))
                    .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
            return new Rolling(device, readings, windows, chart);
        }
    }

    // ---- onWindowClose vs suppress ---------------------------------------------------------------------------

    /** Both ways to final 1-minute windows, live and in a replay: what each emitted, when, and what it buffered. */
    public record FinalResults(Table table, CategoryChart latency) {
    }

    /** One run of one variant: its final windows, their delays, its largest buffer. */
    private record FinalRun(Emit emit, Pacing pacing, List<WindowStats> windows, Spread wallDelayMs,
            Spread streamDelayS, double bufferedMax, double bufferBytesMax) {
    }

    public static FinalResults finalWindows(Input in) {
        List<Pacing> pacings = List.of(Pacing.live(), Pacing.replay(REPLAY_PER_SECOND));
        List<FinalRun> runs = new ArrayList<>();
        long grace = Windowing.GRACE.toMillis();
        for (Emit emit : Emit.values()) {
            String topic = emit == Emit.ON_WINDOW_CLOSE ? TOPICS.finalOnClose() : TOPICS.finalSuppressed();
            for (Pacing pacing : pacings) {
                try (PatternRuns run = run(in, ENRICHED, b -> FinalWindows.build(b, TOPICS, emit), pacing)
                        .watch(topic, WindowStats.SERDE)
                        .watchMetric("suppression-buffer-count-max").watchMetric("suppression-buffer-size-max")
                        .send(in.registry(), in.records(), pacing)) {
                    List<Emitted<WindowStats>> emitted = run.emitted(topic);
                    runs.add(new FinalRun(emit, pacing,
                            emitted.stream().map(Emitted::value).sorted(WINDOW_ORDER).toList(),
                            Spread.of(emitted.stream()
                                    .map(e -> e.wallClock() - run.wallClockAt(e.value().windowEnd() + grace)).toList()),
                            Spread.of(emitted.stream()
                                    .map(e -> (e.streamTime() - e.value().windowEnd() - grace) / 1000.0).toList()),
                            run.metricMax("suppression-buffer-count-max"),
                            run.metricMax("suppression-buffer-size-max")));
                }
            }
        }
        Table t = Table.create("final windows", StringColumn.create("input"), StringColumn.create("variant"),
                IntColumn.create("windows emitted"), IntColumn.create("of the other's, not (yet) emitted"),
                DoubleColumn.create("wall-clock delay ms, median"), DoubleColumn.create("max ms"),
                DoubleColumn.create("stream-time delay s, median"), DoubleColumn.create("max s"),
                DoubleColumn.create("buffered windows, max"), DoubleColumn.create("buffer bytes, max"));
        for (FinalRun r : runs) {
            FinalRun other = runs.stream().filter(o -> o.pacing().equals(r.pacing()) && o.emit() != r.emit())
                    .findFirst().orElseThrow();
            t.stringColumn(0).append(r.pacing().label());
            t.stringColumn(1).append(r.emit().label);
            t.intColumn(2).append(r.windows().size());
            t.intColumn(3).append((int) other.windows().stream().filter(w -> !r.windows().contains(w)).count());
            t.doubleColumn(4).append(r.wallDelayMs().median());
            t.doubleColumn(5).append(r.wallDelayMs().max());
            t.doubleColumn(6).append(r.streamDelayS().median());
            t.doubleColumn(7).append(r.streamDelayS().max());
            t.doubleColumn(8).append(r.bufferedMax());
            t.doubleColumn(9).append(r.bufferBytesMax());
        }
        CategoryChart chart = Charts.bars("Delay from a window's close to its final result",
                "input", "wall-clock delay (ms), whiskers: min–max over windows");
        chart.getStyler().setLegendVisible(true);
        List<String> labels = pacings.stream().map(Pacing::label).toList();
        for (Emit emit : Emit.values()) {
            List<Spread> s = runs.stream().filter(r -> r.emit() == emit).map(FinalRun::wallDelayMs).toList();
            Charts.addBars(chart, emit.label, labels, s.stream().map(Spread::median).toList(),
                    s.stream().map(Spread::min).toList(), s.stream().map(Spread::max).toList());
        }
        return new FinalResults(t, chart);
    }

    private static final Comparator<WindowStats> WINDOW_ORDER = Comparator.comparing(WindowStats::key)
            .thenComparing(WindowStats::windowStart);

    // ---- Versioned table and temporal join -------------------------------------------------------------------

    /** The first device's threshold raised by {@link #RAISE_C} at half the span, and what each join made of it. */
    public record AsOf(Table table, XYChart chart) {
    }

    /** How far the operator raises the first device's tempMaxC. */
    public static final double RAISE_C = 5;

    public static AsOf asOf(Input in) {
        Device before = in.devices().get(0);
        Device raised = new Device(before.deviceId(), before.site(), before.room(), before.sensorType(), before.x(),
                before.y(), before.tempMinC(), before.tempMaxC() + RAISE_C, before.humidityMaxPct());
        Instant editAt = in.start().plus(in.span().dividedBy(2));
        List<Edit> edits = new ArrayList<>(in.registry());
        edits.add(new Edit(before.deviceId(), raised, editAt));
        Table t = Table.create("as of", StringColumn.create("join"), StringColumn.create("input"),
                IntColumn.create("readings of " + before.deviceId()),
                IntColumn.create("with tempMaxC " + before.tempMaxC()),
                IntColumn.create("with tempMaxC " + raised.tempMaxC()), IntColumn.create("differing from live"));
        XYChart chart = Charts.lines("tempMaxC joined to each reading of " + before.deviceId()
                + " (edited at minute " + round(in.minutes(editAt.toEpochMilli())) + ")", "minutes since start",
                "tempMaxC (°C)");
        for (boolean versioned : List.of(false, true)) {
            List<EnrichedReading> live = null;
            for (Pacing pacing : List.of(Pacing.live(), Pacing.replay(REPLAY_PER_SECOND))) {
                String topic = versioned ? TOPICS.enrichedAsOf() : TOPICS.enriched();
                Set<Stage> stages = versioned ? EnumSet.of(Stage.VALIDATION) : ENRICHED;
                Consumer<StreamsBuilder> pattern = versioned ? b -> RegistryAsOf.build(b, TOPICS) : b -> { };
                try (PatternRuns run = run(in, stages, pattern, pacing).watch(topic, EnrichedReading.SERDE)
                        .send(edits, in.records(), pacing)) {
                    List<EnrichedReading> mine = run.<EnrichedReading>values(topic).stream()
                            .filter(r -> r.deviceId().equals(before.deviceId()))
                            .sorted(Comparator.comparing(EnrichedReading::timestamp)).toList();
                    if (live == null) {
                        live = mine;
                    }
                    Set<EnrichedReading> asLive = new HashSet<>(live);
                    String join = versioned ? "versioned KTable (as of event time)" : "GlobalKTable (current row)";
                    // The versioned lines are drawn 0.15 °C higher, so that lines that agree stay visible.
                    String series = (versioned ? "versioned (+0.15)" : "global") + ", "
                            + (pacing.perRecord() == null ? "live" : "replay");
                    t.stringColumn(0).append(join);
                    t.stringColumn(1).append(pacing.label());
                    t.intColumn(2).append(mine.size());
                    t.intColumn(3).append((int) mine.stream().filter(r -> r.tempMaxC() == before.tempMaxC()).count());
                    t.intColumn(4).append((int) mine.stream().filter(r -> r.tempMaxC() == raised.tempMaxC()).count());
                    t.intColumn(5).append((int) mine.stream().filter(r -> !asLive.contains(r)).count());
                    XYSeries s = chart.addSeries(series,
                            mine.stream().map(r -> in.minutes(r.timestamp())).toList(),
                            mine.stream().map(r -> r.tempMaxC() + (versioned ? 0.15 : 0)).toList());
                    s.setMarker(SeriesMarkers.NONE);
                    if (pacing.perRecord() != null) {
                        s.setLineStyle(SeriesLines.DASH_DASH);
                    }
                }
            }
        }
        return new AsOf(t, chart);
    }

    // ---- Stream-stream join ----------------------------------------------------------------------------------

    /** The pipeline's alerts on the input, the operators' acknowledgements, and what the join made of them. */
    public record Responses(List<Alert> alerts, List<Acknowledgement> acks, List<AlertResponse> responses,
            long pending, Table table) {
    }

    /**
     * The alerts the whole pipeline raises on the input (live), then each answered by rota: the first operator
     * within a minute, the second after 8 minutes (too late), the third never.
     */
    public static Responses responses(Input in) {
        List<Alert> alerts;
        try (PatternRuns run = run(in, EnumSet.allOf(Stage.class), b -> { }, Pacing.live())
                .watch(TOPICS.alerts(), Alert.SERDE).send(in.registry(), in.records(), Pacing.live())) {
            alerts = run.values(TOPICS.alerts());
        }
        List<Acknowledgement> acks = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            switch (i % 3) {
                case 0 -> acks.add(new Acknowledgement(Acknowledgement.alertId(a), "ana", a.eventTime() + 45_000));
                case 1 -> acks.add(new Acknowledgement(Acknowledgement.alertId(a), "bo", a.eventTime() + 480_000));
                default -> { }
            }
        }
        // Alerts and acknowledgements as they reach Kafka: in the order of the time they describe.
        List<Object> events = new ArrayList<>(alerts);
        events.addAll(acks);
        events.sort(Comparator.comparingLong(e -> e instanceof Alert a ? a.eventTime() : ((Acknowledgement) e).ackedAt()));
        List<AlertResponse> responses;
        try (PatternRuns run = PatternRuns.of(EnumSet.noneOf(Stage.class), b -> AlertResponses.build(b, TOPICS),
                in.start()).watch(TOPICS.alertResponses(), AlertResponse.SERDE)) {
            for (Object e : events) {
                if (e instanceof Alert a) {
                    run.pipe(TOPICS.alerts(), Alert.SERDE, a.deviceId(), a, a.eventTime());
                } else if (e instanceof Acknowledgement k) {
                    run.pipe(TOPICS.alertAcks(), Acknowledgement.SERDE, k.alertId(), k, k.ackedAt());
                }
            }
            responses = run.values(TOPICS.alertResponses());
        }
        Table t = Table.create("responses", StringColumn.create("alert"), StringColumn.create("outcome"),
                StringColumn.create("operator"), DoubleColumn.create("response (s)"));
        for (AlertResponse r : responses) {
            Alert a = alerts.stream().filter(x -> Acknowledgement.alertId(x).equals(r.alertId())).findFirst()
                    .orElseThrow();
            t.stringColumn(0).append(a.deviceId() + " " + a.type() + " at minute " + round(in.minutes(a.eventTime())));
            t.stringColumn(1).append(r.outcome().name());
            t.stringColumn(2).append(r.operator() == null ? "" : r.operator());
            t.doubleColumn(3).append(r.responseMs() == null ? Double.NaN : r.responseMs() / 1000.0);
        }
        Set<String> answered = new HashSet<>();
        responses.forEach(r -> answered.add(r.alertId()));
        long pending = alerts.stream().filter(a -> !answered.contains(Acknowledgement.alertId(a))).count();
        return new Responses(alerts, acks, responses, pending, t);
    }

    // ---- Deduplication ---------------------------------------------------------------------------------------

    /** The input once, and again with every valid reading sent one to three times, counted by the windows. */
    public record Dedup(int sent, int copies, long duplicateDeadLetters, Table table, CategoryChart chart) {
    }

    public static Dedup deduplication(Input in) {
        Random random = new Random(7);
        List<OutgoingRecord> storm = new ArrayList<>();
        for (OutgoingRecord r : in.records()) {
            int copies = r.kind() == RecordKind.VALID ? 1 + random.nextInt(3) : 1;
            for (int c = 0; c < copies; c++) {
                storm.add(r);
            }
        }
        List<String> ids = in.devices().stream().map(Device::deviceId).toList();
        List<List<Double>> counted = new ArrayList<>();
        long duplicates = 0;
        for (List<OutgoingRecord> input : List.of(in.records(), storm)) {
            Set<Stage> stages = EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.AGGREGATES);
            try (PatternRuns run = run(in, stages, b -> { }, Pacing.live())
                    .watch(TOPICS.device1mFinal(), WindowStats.SERDE).watch(TOPICS.deadLetter(), Serdes.ByteArray())
                    .send(in.registry(), input, Pacing.live())) {
                List<WindowStats> finals = run.values(TOPICS.device1mFinal());
                counted.add(ids.stream().map(id -> (double) finals.stream().filter(w -> w.key().equals(id))
                        .mapToLong(WindowStats::count).sum()).toList());
                // Of the storm, the run counted last.
                duplicates = run.<byte[]>emitted(TOPICS.deadLetter()).stream()
                        .filter(e -> DeadLetterReason.DUPLICATE.name().equals(
                                HeaderText.get(e.headers(), DeadLetterHeaders.REASON)))
                        .count();
            }
        }
        List<Double> sent = ids.stream().map(id -> (double) storm.stream()
                .filter(r -> r.key().equals(id) && r.kind() == RecordKind.VALID).count()).toList();
        Table t = Table.create("deduplication", StringColumn.create("device"), DoubleColumn.create("valid readings sent"),
                DoubleColumn.create("counted, input once"), DoubleColumn.create("counted, retry storm"));
        for (int i = 0; i < ids.size(); i++) {
            t.stringColumn(0).append(ids.get(i));
            t.doubleColumn(1).append(sent.get(i));
            t.doubleColumn(2).append(counted.get(0).get(i));
            t.doubleColumn(3).append(counted.get(1).get(i));
        }
        CategoryChart chart = Charts.bars("A retry storm, counted once by the 1-minute windows", "device",
                "readings");
        chart.getStyler().setLegendVisible(true);
        chart.addSeries("valid readings sent in the storm", ids, sent);
        chart.addSeries("counted, input once", ids, counted.get(0));
        chart.addSeries("counted, retry storm", ids, counted.get(1));
        return new Dedup(storm.size(), storm.size() - in.records().size(), duplicates, t, chart);
    }

    private static double round(double minutes) {
        return Math.round(minutes * 10) / 10.0;
    }
}
