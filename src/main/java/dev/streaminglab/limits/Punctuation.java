package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stream-time against wall-clock punctuation: both fire while records flow; when the input goes quiet only the
 * wall-clock one keeps firing, because stream time advances with records only.
 */
final class Punctuation implements Experiment {
    static final Mode.Size IDLE_SECONDS = new Mode.Size(3, 10);
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final int RECORDS = 20;

    private static final About ABOUT = new About("punctuation-time", "Time: stream-time vs wall-clock punctuation",
            "Does a scheduled (punctuated) action run when no records arrive?",
            "Stream-time punctuation is driven by data: with no input it never fires; wall-clock punctuation fires "
                    + "on time but is not reproducible on replay.",
            "1 partition, a processor with a STREAM_TIME and a WALL_CLOCK_TIME punctuator every 500 ms; 20 records "
                    + "500 ms apart in event time, then no input for " + IDLE_SECONDS.text() + " s.",
            "Use wall-clock punctuation for liveness (\"device silent for 5 min\"), stream time for results.",
            List.of(Source.docs("streams/developer-guide/processor-api", "Processor API, scheduling punctuations"),
                    Source.kip(138, "Change punctuate semantics")));

    /** What the punctuators and the processor counted. */
    record Counters(AtomicLong streamFires, AtomicLong wallFires, AtomicLong processed) {
        Counters() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, Counters c) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void init(ProcessorContext<Void, Void> ctx) {
                ctx.schedule(INTERVAL, PunctuationType.STREAM_TIME, t -> c.streamFires().incrementAndGet());
                ctx.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> c.wallFires().incrementAndGet());
            }

            @Override
            public void process(Record<String, String> r) {
                c.processed().incrementAndGet();
            }
        });
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration idle = Duration.ofSeconds(IDLE_SECONDS.of(lab.mode()));
        return lab.rows(lab.trials(lab.arm("idle " + idle.toSeconds() + " s", bench -> once(bench, idle))));
    }

    private static Take once(Workbench bench, Duration idle) {
        String in = bench.topic("in", 1);
        Counters c = new Counters();
        bench.app(bench.appId("app"), "a", topology(in, c), Map.of()).startAndAwaitRunning();
        long base = System.currentTimeMillis();
        bench.produce(in, LongStream.range(0, RECORDS).mapToObj(i -> Rec.of("k", "v", base + i * 500)).toList());
        Await.until(Duration.ofSeconds(30), "the records to be processed", () -> c.processed().get() == RECORDS);
        long streamBefore = c.streamFires().get();
        long wallBefore = c.wallFires().get();
        Timed.observe(idle);
        long wallIdle = c.wallFires().get() - wallBefore;
        return new Take().figure("wallClockFiresWhileIdle", wallIdle)
                .fact("idleMs", idle.toMillis())
                .fact("streamTimeFiresWithRecords", streamBefore)
                .fact("streamTimeFiresWhileIdle", c.streamFires().get() - streamBefore)
                .fact("wallClockFiredWhileIdle", wallIdle > 0);
    }

    @Override
    public Finding read(Evidence e) {
        var row = e.rows().get(0);
        return new Finding(Verdict.LIMIT, "idle " + row.facts().get("idleMs") + " ms: the stream-time punctuator fired "
                + row.facts().get("streamTimeFiresWhileIdle") + " times (" + row.facts().get("streamTimeFiresWithRecords")
                + " while 20 records flowed)", "the wall-clock punctuator fired "
                + LimitsReport.format(row.require("wallClockFiresWhileIdle")) + " times while idle");
    }
}
