package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.limits.Workbench.Rec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stream-time against wall-clock punctuation: both fire while records flow; when the input goes quiet only
 * the wall-clock one keeps firing, because stream time advances with records only.
 */
final class Punctuation implements Experiment {
    static final Duration INTERVAL = Duration.ofMillis(500);

    @Override
    public String name() {
        return "punctuation-time";
    }

    @Override
    public String capability() {
        return "Time: stream-time vs wall-clock punctuation";
    }

    @Override
    public String question() {
        return "Does a scheduled (punctuated) action run when no records arrive?";
    }

    @Override
    public String setup() {
        return "1 partition, a processor with a STREAM_TIME and a WALL_CLOCK_TIME punctuator every 500 ms; 20 "
                + "records 500 ms apart in event time, then no input for 3 s (quick) or 15 s (full).";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", 1);
        AtomicLong streamFires = new AtomicLong();
        AtomicLong wallFires = new AtomicLong();
        AtomicLong processed = new AtomicLong();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void init(ProcessorContext<Void, Void> ctx) {
                ctx.schedule(INTERVAL, PunctuationType.STREAM_TIME, t -> streamFires.incrementAndGet());
                ctx.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> wallFires.incrementAndGet());
            }

            @Override
            public void process(Record<String, String> r) {
                processed.incrementAndGet();
            }
        });
        bench.app(bench.appId("app"), "a", b.build(), Map.of()).startAndAwaitRunning();
        int records = 20;
        long base = System.currentTimeMillis();
        bench.produce(in, LongStream.range(0, records).mapToObj(i -> Rec.of("k", "v", base + i * 500)).toList());
        Await.until(Duration.ofSeconds(30), "the records to be processed", () -> processed.get() == records);
        long streamBefore = streamFires.get();
        long wallBefore = wallFires.get();
        Duration idle = Duration.ofSeconds(mode.pick(3, 15));
        // The quiet period is what is measured, so here waiting a fixed time is the experiment itself.
        Thread.sleep(idle.toMillis());
        long streamIdle = streamFires.get() - streamBefore;
        long wallIdle = wallFires.get() - wallBefore;
        out.figure("streamTimeFiresWithRecords", streamBefore)
                .figure("streamTimeFiresWhileIdle", streamIdle)
                .figure("wallClockFiresWhileIdle", wallIdle)
                .figure("idleMs", idle.toMillis())
                .verdict(Verdict.LIMIT)
                .headline("idle " + idle.toSeconds() + " s: stream-time punctuator fired " + streamIdle
                        + " times, wall-clock " + wallIdle + " times")
                .conclusion("Stream-time punctuation is driven by data: with no input it never fires, so "
                        + "timeouts ('device silent for 5 min') need WALL_CLOCK_TIME punctuation, which in turn "
                        + "is not reproducible on replay. Pick per use: stream time for results, wall clock for "
                        + "liveness.");
    }
}
