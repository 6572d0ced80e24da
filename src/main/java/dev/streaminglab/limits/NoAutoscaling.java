package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * No autoscaling: input arrives faster than one thread can process, lag grows and Kafka Streams keeps its thread
 * count; only an outside decision (here addStreamThread(), in production a new instance) drains it.
 */
final class NoAutoscaling implements Experiment {
    static final Mode.Size PHASE_SECONDS = new Mode.Size(3, 10);
    static final Mode.Size DRAIN_SECONDS = new Mode.Size(15, 30);
    static final int PARTITIONS = 4;
    static final int RATE_PER_SEC = 800;
    static final Duration WORK = Duration.ofMillis(2);
    static final Duration SAMPLE = Duration.ofMillis(250);
    static final int ADDED_THREADS = 3;
    static final int MAX_POLL_RECORDS = 100;

    private static final About ABOUT = new About("no-autoscaling", "Scaling: no autoscaling",
            "Does Kafka Streams add capacity by itself when lag grows?",
            "Kafka Streams never changes its own capacity: lag grows until someone adds threads (addStreamThread) "
                    + "or instances.",
            "4 partitions, 800 records/s produced; each record waits 2 ms (one thread handles about 450/s), 100 "
                    + "records per poll; 1 thread for " + PHASE_SECONDS.text() + " s, then 3 addStreamThread() calls; "
                    + "the lag until it halves (at most " + DRAIN_SECONDS.text() + " s).",
            "Autoscale from outside on the consumer-lag metric (Kubernetes HPA/KEDA, or a controller calling "
                    + "addStreamThread), within the partition limit.",
            List.of(Source.kip(663, "API to Start and Shut Down Stream Threads"),
                    Source.docs("streams/developer-guide/running-app", "Running Streams applications, elastic scaling")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, AtomicLong processed) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).foreach((k, v) -> {
            Timed.work(WORK);
            processed.incrementAndGet();
        });
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration phase = Duration.ofSeconds(PHASE_SECONDS.of(lab.mode()));
        Duration drain = Duration.ofSeconds(DRAIN_SECONDS.of(lab.mode()));
        return lab.rows(lab.trials(lab.arm("1 thread, then 4", bench -> once(bench, phase, drain))));
    }

    private static Take once(Workbench bench, Duration phase, Duration drain) {
        String in = bench.topic("in", PARTITIONS);
        AtomicLong processed = new AtomicLong();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, processed),
                // Slow records and the default 1,000 per poll keep a thread away from the rebalance the new threads
                // start for seconds; smaller polls let the added capacity take over sooner.
                Map.of(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), MAX_POLL_RECORDS))
                .startAndAwaitRunning();
        try (SteadyProducer producer = new SteadyProducer(bench, in, RATE_PER_SEC, 100)) {
            Timed.observe(phase);
            long lagAtScaleUp = producer.produced() - processed.get();
            int threadsBefore = app.streams().metadataForLocalThreads().size();
            for (int i = 0; i < ADDED_THREADS; i++) {
                app.streams().addStreamThread();
            }
            long scaledAt = System.nanoTime();
            // Sampling the lag at a fixed pace is the measurement: until it halves, or the drain time is over.
            while (producer.produced() - processed.get() > lagAtScaleUp / 2
                    && System.nanoTime() - scaledAt < drain.toNanos()) {
                Timed.observe(SAMPLE);
            }
            return new Take().figure("lagGrowthPerSec", lagAtScaleUp / (phase.toMillis() / 1000.0))
                    .figure("msToHalveLagAfterScaleUp", Timed.millisSince(scaledAt))
                    .figure("lagLeftPercent", 100.0 * (producer.produced() - processed.get()) / lagAtScaleUp)
                    .fact("threadsWhileLagGrew", threadsBefore)
                    .fact("lagGrew", lagAtScaleUp > 0)
                    .fact("threadsAfterManualScaleUp", app.streams().metadataForLocalThreads().size());
        }
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "1 thread, then 4";
        return new Finding(Verdict.NOT_SUPPORTED, "lag grew " + LimitsReport.format(e.figure(Lab.RUN, arm,
                "lagGrowthPerSec")) + " records/s with " + e.count(Lab.RUN, arm, "threadsWhileLagGrew")
                + " thread and no thread was added", "after 3 addStreamThread() calls ("
                + e.count(Lab.RUN, arm, "threadsAfterManualScaleUp") + " threads) "
                + LimitsReport.format(e.figure(Lab.RUN, arm, "lagLeftPercent")) + " % of the lag was left after "
                + LimitsReport.format(e.figure(Lab.RUN, arm, "msToHalveLagAfterScaleUp")) + " ms");
    }
}
