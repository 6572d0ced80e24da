package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * No autoscaling: input arrives faster than one thread can process, lag grows and Kafka Streams keeps its
 * thread count; only an outside decision (here addStreamThread(), in production a new instance) drains it.
 */
final class NoAutoscaling implements Experiment {
    static final int PARTITIONS = 4;
    static final int RATE_PER_SEC = 800;

    @Override
    public String name() {
        return "no-autoscaling";
    }

    @Override
    public String capability() {
        return "Scaling: no autoscaling";
    }

    @Override
    public String question() {
        return "Does Kafka Streams add capacity by itself when lag grows?";
    }

    @Override
    public String setup() {
        return "4 partitions, 800 records/s produced; each record waits 2 ms (one thread handles about 450/s); "
                + "1 thread for 4 s (quick) or 15 s (full), then the experiment calls addStreamThread() 3 times "
                + "and watches the lag until it halves (at most 20 s quick, 60 s full).";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", PARTITIONS);
        AtomicLong processed = new AtomicLong();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).foreach((k, v) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processed.incrementAndGet();
        });
        StreamsRunner app = bench.app(bench.appId("app"), "a", b.build(), Map.of()).startAndAwaitRunning();
        SteadyProducer producer = new SteadyProducer(bench, in, RATE_PER_SEC, 100);
        Series.Builder lag = new Series.Builder("lag (records)", "seconds", "records behind");
        long phaseMs = Duration.ofSeconds(mode.pick(4, 15)).toMillis();
        long t0 = System.nanoTime();
        try {
            sample(lag, producer, processed, t0, phaseMs);
            long lagAtScaleUp = producer.produced() - processed.get();
            int threadsBefore = app.streams().metadataForLocalThreads().size();
            for (int i = 0; i < 3; i++) {
                app.streams().addStreamThread();
            }
            long scaledAt = System.nanoTime();
            long drainDeadlineMs = (scaledAt - t0) / 1_000_000 + mode.pick(20_000, 60_000);
            // Sample until the lag has fallen below half of what it was, or give up at the deadline.
            do {
                sample(lag, producer, processed, t0, (System.nanoTime() - t0) / 1_000_000 + 250);
            } while (producer.produced() - processed.get() > lagAtScaleUp / 2
                    && (System.nanoTime() - t0) / 1_000_000 < drainDeadlineMs);
            long halvedMs = (System.nanoTime() - scaledAt) / 1_000_000;
            long lagAtEnd = producer.produced() - processed.get();
            int threadsAfter = app.streams().metadataForLocalThreads().size();
            double growthPerSec = lagAtScaleUp / (phaseMs / 1000.0);
            out.figure("inputRatePerSec", RATE_PER_SEC)
                    .figure("threadsWhileLagGrew", threadsBefore)
                    .figure("lagAtScaleUp", lagAtScaleUp)
                    .figure("lagGrowthPerSec", growthPerSec)
                    .figure("threadsAfterManualScaleUp", threadsAfter)
                    .figure("lagAtEnd", lagAtEnd)
                    .figure("msToHalveLagAfterScaleUp", halvedMs)
                    .series(lag.build())
                    .verdict(Verdict.NOT_SUPPORTED)
                    .headline(String.format("lag grew %.0f records/s with %d thread and no thread was added; "
                            + "after 3 manual addStreamThread() calls lag went %d -> %d in %.1f s", growthPerSec,
                            threadsBefore, lagAtScaleUp, lagAtEnd, halvedMs / 1000.0))
                    .conclusion("Kafka Streams never changes its own capacity: lag grows until someone adds "
                            + "threads (addStreamThread) or instances. Autoscale from outside on the consumer-lag "
                            + "metric (Kubernetes HPA/KEDA, or your own controller), within the partition limit.");
        } finally {
            producer.close();
        }
    }

    private static void sample(Series.Builder lag, SteadyProducer producer, AtomicLong processed, long t0, long untilMs)
            throws InterruptedException {
        while ((System.nanoTime() - t0) / 1_000_000 < untilMs) {
            // Sampling the lag at a fixed pace is the measurement itself.
            Thread.sleep(250);
            lag.add((System.nanoTime() - t0) / 1e9, producer.produced() - processed.get());
        }
    }
}
