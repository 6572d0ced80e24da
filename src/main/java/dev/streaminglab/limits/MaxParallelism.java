package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Parallelism is bounded by input partitions: one task per partition, and a thread without a task idles. A topology
 * that waits 1 ms per record (like a remote lookup) runs with 1 to 8 threads on 4 partitions.
 * <p>
 * The thread facts are read once the assignment has settled: with several threads, cooperative rebalancing moves a
 * task from one thread to another in two rounds (revoke, then assign in a follow-up rebalance), and between them the
 * task belongs to no thread. Reading the metadata right after the last record (as the first edition did) could
 * catch that moment and see 3 tasks on 4 partitions.
 */
final class MaxParallelism implements Experiment {
    static final List<Integer> QUICK_THREADS = List.of(1, 6);
    static final List<Integer> FULL_THREADS = List.of(1, 2, 4, 6, 8);
    static final Mode.Size RECORDS = new Mode.Size(1_200, 6_000);
    static final int PARTITIONS = 4;
    static final Duration WORK = Duration.ofMillis(1);

    private static final About ABOUT = new About("max-parallelism", "Scaling: max parallelism = input partitions",
            "Do more stream threads (or instances) than input partitions process faster?",
            "A task is the unit of parallelism, one per input partition (per sub-topology): threads or instances "
                    + "beyond the partition count get no task and sit idle (hot spares at best).",
            "4 partitions, " + RECORDS.text() + " records; each record waits 1 ms (I/O-like); one instance "
                    + "with " + QUICK_THREADS + " threads (quick) or " + FULL_THREADS + " (full); tasks per thread once the "
                    + "assignment has settled, records/s from the first to the last processed record.",
            "Size input partitions for the peak parallelism you will need (adding partitions later breaks keyed "
                    + "state: see partition-count); scale out to at most one thread per partition.",
            List.of(Source.docs("streams/architecture", "Architecture, stream partitions and tasks, threading model"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, num.stream.threads")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, AtomicLong first, AtomicLong last, AtomicLong done) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).foreach((k, v) -> {
            first.compareAndSet(0, System.nanoTime());
            Timed.work(WORK);
            last.set(System.nanoTime());
            done.incrementAndGet();
        });
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        List<Integer> threads = lab.mode() == Mode.QUICK ? QUICK_THREADS : FULL_THREADS;
        return lab.rows(lab.trials(threads.stream().map(t -> lab.arm(t + (t == 1 ? " thread" : " threads"),
                bench -> once(bench, n, t))).toList()));
    }

    private static Take once(Workbench bench, int n, int threads) {
        String in = bench.topic("in", PARTITIONS);
        bench.produceKeyed(in, n, 1_000, 20);
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong done = new AtomicLong();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, first, last, done),
                Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads)).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), "all records with " + threads + " threads", () -> done.get() >= n);
        int busyExpected = Math.min(threads, PARTITIONS);
        Await.until(Duration.ofSeconds(60), () -> "the assignment to settle: every partition on one thread, "
                + busyExpected + " threads busy (now " + Tasks.busyThreads(app) + " busy, " + Tasks.active(app)
                + " tasks)", () -> app.streams().state() == State.RUNNING && Tasks.partitionsOwned(app, in) == PARTITIONS
                && Tasks.busyThreads(app) == busyExpected);
        long busy = Tasks.busyThreads(app);
        return new Take().figure("recordsPerSec", n / ((last.get() - first.get()) / 1e9))
                .fact("threads", threads)
                .fact("activeTasks", Tasks.active(app))
                .fact("busyThreads", busy)
                .fact("idleThreads", threads - busy);
    }

    @Override
    public Finding read(Evidence e) {
        Row one = e.rows().get(0);
        Row most = e.rows().get(e.rows().size() - 1);
        return Finding.of(Verdict.LIMIT, most.facts().get("threads") + " threads on " + PARTITIONS + " partitions: "
                + most.facts().get("activeTasks") + " tasks, " + most.facts().get("idleThreads") + " threads idle; "
                + LimitsReport.format(most.require("recordsPerSec")) + " records/s vs "
                + LimitsReport.format(one.require("recordsPerSec")) + " with 1 thread");
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("records/s (1 ms of work per record)", "recordsPerSec"));
    }
}
