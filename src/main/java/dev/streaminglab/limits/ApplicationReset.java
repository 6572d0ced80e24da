package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
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
 * Reprocessing from scratch: Kafka's application reset tool rewinds the input offsets and deletes the internal
 * topics; the broker deletes topics asynchronously, so the experiment waits until they are gone before it counts
 * them, and with the local state wiped too, a rerun computes the same counts again.
 */
final class ApplicationReset implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(1_000, 100_000);
    static final int KEYS = 10;

    private static final About ABOUT = new About("application-reset", "Operations: application reset (reprocessing)",
            "How do we reprocess all input from the start, and what does the reset touch?",
            "Reprocessing is supported but manual and stop-the-world: stop every instance, run the reset tool "
                    + "(input offsets to the start, internal topics deleted, asynchronously), wipe local state "
                    + "(cleanUp), restart. Output topics are not reset: downstream sees every result again.",
            "1 partition, " + RECORDS.text() + " records over 10 keys, count by key to an output topic; "
                    + "stop; kafka-streams-application-reset (StreamsResetter) with --input-topics; wait until the "
                    + "broker no longer lists the internal topics; KafkaStreams.cleanUp(); run again.",
            "Script the reset (stop, reset, wait for the deletion, cleanUp, start) and write the rerun to a new "
                    + "output topic, or make consumers idempotent; input older than its retention cannot be "
                    + "reprocessed.",
            List.of(Source.docs("streams/developer-guide/app-reset-tool", "Application reset tool"),
                    Source.kip(171, "Extend Consumer Group Reset Offset for Stream Application")));

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, String counts) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count().toStream()
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        return lab.rows(lab.trials(lab.arm("reset and rerun", bench -> once(bench, n))));
    }

    private static Take once(Workbench bench, int n) {
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        String appId = bench.appId("app");
        bench.produceKeyed(in, n, KEYS, 20);
        Topology topology = topology(in, counts);
        StreamsRunner first = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        var firstRun = bench.read(counts, n, Duration.ofMinutes(5), new LongDeserializer());
        first.close();
        int internalBefore = bench.internalTopics(appId).size();
        long t0 = System.nanoTime();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            // The tool reports on stdout; keep its lines out of the console.
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            exit = new StreamsResetter().execute(new String[] {"--bootstrap-server", bench.kafka().bootstrap(),
                    "--application-id", appId, "--input-topics", in});
        } finally {
            System.setOut(stdout);
        }
        long toolMs = Timed.millisSince(t0);
        int rightAfter = bench.internalTopics(appId).size();
        Await.until(Duration.ofSeconds(60), "the broker to finish deleting the internal topics",
                () -> bench.internalTopics(appId).isEmpty());
        long deletedMs = Timed.millisSince(t0);
        int internalAfterDeletion = bench.internalTopics(appId).size();
        StreamsRunner again = bench.app(appId, "a", topology, Map.of());
        again.streams().cleanUp();
        again.startAndAwaitRunning();
        var both = bench.read(counts, 2 * n, Duration.ofMinutes(5), new LongDeserializer());
        return new Take().figure("resetToolMs", toolMs)
                .figure("msUntilInternalTopicsGone", deletedMs)
                .figure("internalTopicsListedWhenTheToolReturned", rightAfter)
                .fact("records", n)
                .fact("resetExitCode", exit)
                .fact("internalTopicsBefore", internalBefore)
                .fact("internalTopicsAfterDeletion", internalAfterDeletion)
                .fact("updatesFirstRun", firstRun.size())
                .fact("updatesAfterReset", both.size() - n)
                .fact("countK0FirstRun", finals(firstRun).getOrDefault("k0", 0L))
                .fact("countK0AfterReset", finals(both.subList(n, both.size())).getOrDefault("k0", 0L));
    }

    private static Map<String, Long> finals(List<ConsumerRecord<String, Long>> rs) {
        Map<String, Long> m = new HashMap<>();
        rs.forEach(r -> m.put(r.key(), r.value()));
        return m;
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "reset and rerun";
        return Finding.of(Verdict.WORKS, "reset tool " + LimitsReport.format(e.figure(Lab.RUN, arm, "resetToolMs"))
                + " ms (exit " + e.count(Lab.RUN, arm, "resetExitCode") + "); internal topics "
                + e.count(Lab.RUN, arm, "internalTopicsBefore") + " before, still listed when it returned: "
                + LimitsReport.format(e.figure(Lab.RUN, arm, "internalTopicsListedWhenTheToolReturned")) + ", "
                + e.count(Lab.RUN, arm, "internalTopicsAfterDeletion") + " after the broker's deletion ("
                + LimitsReport.format(e.figure(Lab.RUN, arm, "msUntilInternalTopicsGone")) + " ms); the rerun "
                + "re-emitted " + String.format("%,d", e.count(Lab.RUN, arm, "updatesAfterReset")) + " updates, k0 "
                + "counted " + e.count(Lab.RUN, arm, "countK0AfterReset") + " again, not "
                + 2 * e.count(Lab.RUN, arm, "countK0FirstRun"));
    }
}
