package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Parallelism is bounded by input partitions: one task per partition, and a thread without a task idles.
 * A topology that waits 1 ms per record (like a remote lookup) runs with 1 to 8 threads on 4 partitions.
 */
final class MaxParallelism implements Experiment {
    static final int PARTITIONS = 4;

    @Override
    public String name() {
        return "max-parallelism";
    }

    @Override
    public String capability() {
        return "Scaling: max parallelism = input partitions";
    }

    @Override
    public String question() {
        return "Do more stream threads (or instances) than input partitions process faster?";
    }

    @Override
    public String setup() {
        return "4 partitions, 1,200 (quick) or 6,000 (full) records; each record waits 1 ms (I/O-like); one "
                + "instance with 1 and 6 threads (quick) or 1, 2, 3, 4, 6, 8 threads (full); tasks per thread "
                + "and records/s from the first to the last processed record.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(1_200, 6_000);
        String in = bench.topic("in", PARTITIONS);
        bench.produceKeyed(in, n, 1_000, 20);
        List<Integer> threadCounts = mode == Mode.QUICK ? List.of(1, 6) : List.of(1, 2, 3, 4, 6, 8);
        Series.Builder rate = new Series.Builder("records/s", "stream threads", "records/s");
        int busyAtMost = 0;
        int idleAtMost = 0;
        long tasksAtMost = 0;
        for (int threads : threadCounts) {
            AtomicLong done = new AtomicLong();
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream(in).foreach((k, v) -> {
                first.compareAndSet(0, System.nanoTime());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                last.set(System.nanoTime());
                done.incrementAndGet();
            });
            StreamsRunner app = bench.app(bench.appId("t" + threads), "t" + threads, b.build(),
                    Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads)).startAndAwaitRunning();
            Await.until(Duration.ofMinutes(5), "all records with " + threads + " threads", () -> done.get() >= n);
            var meta = app.streams().metadataForLocalThreads();
            int busy = (int) meta.stream().filter(t -> !t.activeTasks().isEmpty()).count();
            long tasks = meta.stream().mapToLong(t -> t.activeTasks().size()).sum();
            app.close();
            if (threads == threadCounts.get(threadCounts.size() - 1)) {
                busyAtMost = busy;
                idleAtMost = threads - busy;
                tasksAtMost = tasks;
            }
            rate.add(threads, n / ((last.get() - first.get()) / 1e9));
        }
        Series s = rate.build();
        int maxThreads = threadCounts.get(threadCounts.size() - 1);
        out.figure("partitions", PARTITIONS)
                .figure("records", n)
                .figure("maxThreads", maxThreads)
                .figure("activeTasksAtMaxThreads", tasksAtMost)
                .figure("busyThreadsAtMaxThreads", busyAtMost)
                .figure("idleThreadsAtMaxThreads", idleAtMost)
                .figure("recordsPerSec1Thread", s.y().get(0))
                .figure("recordsPerSecMaxThreads", s.y().get(s.y().size() - 1))
                .series(s)
                .verdict(Verdict.LIMIT)
                .headline(String.format("%d threads on %d partitions: %d tasks, %d threads idle; %.0f records/s vs "
                        + "%.0f with 1 thread", maxThreads, PARTITIONS, tasksAtMost, idleAtMost,
                        s.y().get(s.y().size() - 1), s.y().get(0)))
                .conclusion("A task is the unit of parallelism and there is one per input partition (per "
                        + "sub-topology), so threads or instances beyond the partition count sit idle (useful only "
                        + "as hot spares). Size input partitions for the peak parallelism you will ever need: adding "
                        + "partitions later changes key-to-partition mapping and breaks state.");
    }
}
