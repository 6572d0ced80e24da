package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Reprocessing from scratch: Kafka's application reset tool rewinds the input offsets and deletes the
 * internal topics; with the local state wiped too, a rerun computes the same counts again.
 */
final class ApplicationReset implements Experiment {
    static final int KEYS = 10;

    @Override
    public String name() {
        return "application-reset";
    }

    @Override
    public String capability() {
        return "Operations: application reset (reprocessing)";
    }

    @Override
    public String question() {
        return "How do we reprocess all input from the start, and what does the reset touch?";
    }

    @Override
    public String setup() {
        return "1 partition, 1,000 (quick) or 100,000 (full) records over 10 keys, count by key to an output "
                + "topic; stop; kafka-streams-application-reset (StreamsResetter) with --input-topics; "
                + "KafkaStreams.cleanUp(); run again.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(1_000, 100_000);
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        String appId = bench.appId("app");
        bench.produceKeyed(in, n, KEYS, 20);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count().toStream()
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        Topology topology = b.build();
        StreamsRunner first = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        var firstRun = bench.read(counts, n, Duration.ofMinutes(5), new LongDeserializer());
        first.close();
        int internalBefore = bench.internalTopics(appId).size();

        long t0 = System.nanoTime();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            // The tool reports on stdout; keep its lines for the finding instead of the console.
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            exit = new StreamsResetter().execute(new String[] {"--bootstrap-server", bench.kafka().bootstrap(),
                    "--application-id", appId, "--input-topics", in});
        } finally {
            System.setOut(stdout);
        }
        double resetMs = (System.nanoTime() - t0) / 1e6;
        int internalAfter = bench.internalTopics(appId).size();

        StreamsRunner again = bench.app(appId, "a", topology, Map.of());
        again.streams().cleanUp();
        again.startAndAwaitRunning();
        var both = bench.read(counts, 2 * n, Duration.ofMinutes(5), new LongDeserializer());
        Map<String, Long> firstFinal = finals(firstRun);
        Map<String, Long> secondFinal = finals(both.subList(n, both.size()));
        out.figure("records", n)
                .figure("resetExitCode", exit)
                .figure("resetMs", resetMs)
                .figure("internalTopicsBefore", internalBefore)
                .figure("internalTopicsAfter", internalAfter)
                .figure("updatesFirstRun", firstRun.size())
                .figure("updatesAfterReset", both.size() - n)
                .figure("countK0FirstRun", firstFinal.getOrDefault("k0", 0L))
                .figure("countK0AfterReset", secondFinal.getOrDefault("k0", 0L))
                .verdict(Verdict.WORKS)
                .headline(String.format("reset in %.1f s; rerun re-emitted %,d updates, k0 counted %d again (not %d)",
                        resetMs / 1000, both.size() - n, secondFinal.getOrDefault("k0", 0L),
                        2 * firstFinal.getOrDefault("k0", 0L)))
                .conclusion("Reprocessing is supported but manual and stop-the-world: stop every instance, run "
                        + "the reset tool (offsets to the start, internal topics deleted), wipe local state "
                        + "(cleanUp) and restart. Output topics are not reset: downstream sees every result "
                        + "twice, so write to a new output topic or make consumers idempotent. Input older than "
                        + "retention cannot be reprocessed.");
    }

    private static Map<String, Long> finals(List<ConsumerRecord<String, Long>> rs) {
        Map<String, Long> m = new HashMap<>();
        rs.forEach(r -> m.put(r.key(), r.value()));
        return m;
    }
}
