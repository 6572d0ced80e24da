package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * No built-in deduplication: a reading sent twice (an upstream retry, a replayed file) is two records to Kafka and
 * to Kafka Streams, even from an idempotent producer, whose guarantee covers only its own retries. A count counts it
 * twice; a small processor that remembers the ids it saw for an hour (a window store) counts it once.
 */
final class NoDeduplication implements Experiment {
    static final int READINGS = 100;
    static final int RESENT = 20;
    static final int DEVICES = 10;
    static final String SEEN = "seen-ids";
    /** How long an id is remembered: duplicates further apart than this are counted again. */
    static final Duration REMEMBER = Duration.ofHours(1);

    private static final About ABOUT = new About("no-deduplication", "Guarantees: no built-in deduplication",
            "Does Kafka Streams drop a reading that arrives twice?",
            "Neither the idempotent producer (its own retries only) nor exactly-once (no re-processing of a record "
                    + "once committed) removes a duplicate that was written twice: Kafka Streams has no deduplication "
                    + "operator, and aggregates count the duplicate.",
            "1 partition, 100 readings with ids over 10 devices, 20 of them sent a second time by an idempotent "
                    + "producer; count per device, plain and behind a processor that drops ids seen in the last hour "
                    + "(window store).",
            "Give records an id at the source and deduplicate with a window store (as here) before aggregating; "
                    + "or make the sink idempotent (upsert by id).",
            List.of(Source.docs("streams/developer-guide/processor-api", "Processor API, state stores"),
                    Source.kip(98, "Exactly Once Delivery and Transactional Messaging")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Drops a reading whose id (the value before ':') was seen within {@link #REMEMBER}. */
    static final class DropSeen implements FixedKeyProcessor<String, String, String> {
        private FixedKeyProcessorContext<String, String> context;
        private WindowStore<String, Long> seen;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN);
        }

        @Override
        public void process(FixedKeyRecord<String, String> r) {
            String id = r.value().substring(0, r.value().indexOf(':'));
            long t = r.timestamp();
            try (var earlier = seen.fetch(id, t - REMEMBER.toMillis(), t + REMEMBER.toMillis())) {
                if (earlier.hasNext()) {
                    return;
                }
            }
            seen.put(id, t, t);
            context.forward(r);
        }
    }

    /** Readings counted per device, with or without dropping ids already seen. */
    static Topology topology(String in, String counts, boolean dedupe) {
        StreamsBuilder b = new StreamsBuilder();
        var readings = b.<String, String>stream(in);
        if (dedupe) {
            b.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN, REMEMBER, REMEMBER, false),
                    Serdes.String(), Serdes.Long()));
            readings = readings.processValues(DropSeen::new, SEEN);
        }
        readings.groupByKey().count().toStream().to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    /** 100 readings "rN:value" keyed by device, then 20 of them again. */
    static List<ProducerRecord<String, String>> readings(String topic, long now) {
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            out.add(new ProducerRecord<>(topic, null, now + i, "d" + i % DEVICES, "r" + i + ":" + (20 + i % 5)));
        }
        for (int i = 0; i < RESENT; i++) {
            out.add(out.get(i * (READINGS / RESENT)));
        }
        return out;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(lab.arm("plain count", bench -> once(bench, false)),
                lab.arm("count behind a dedupe store", bench -> once(bench, true))));
    }

    private static Take once(Workbench bench, boolean dedupe) {
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        Properties p = bench.kafka().producerProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> idempotent = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            readings(in, System.currentTimeMillis()).forEach(idempotent::send);
            idempotent.flush();
        }
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, counts, dedupe), Map.of())
                .startAndAwaitRunning();
        int updates = dedupe ? READINGS : READINGS + RESENT;
        Map<String, Long> finals = new LinkedHashMap<>();
        Await.until(Duration.ofSeconds(60), "the counts of every reading", () -> {
            finals.clear();
            bench.read(counts, updates, Duration.ofSeconds(5), new LongDeserializer())
                    .forEach(r -> finals.put(r.key(), r.value()));
            return finals.values().stream().mapToLong(Long::longValue).sum() >= READINGS || app.failed();
        });
        return new Take().fact("inputRecords", bench.endOffsetSum(in))
                .fact("distinctReadings", READINGS)
                .fact("countedReadings", finals.values().stream().mapToLong(Long::longValue).sum());
    }

    @Override
    public Finding read(Evidence e) {
        return new Finding(Verdict.NOT_SUPPORTED, "an idempotent producer wrote " + e.count(Lab.RUN, "plain count",
                "inputRecords") + " records for " + READINGS + " readings; the count counted "
                + e.count(Lab.RUN, "plain count", "countedReadings"),
                "a processor remembering ids for an hour in a window store counted "
                        + e.count(Lab.RUN, "count behind a dedupe store", "countedReadings"));
    }
}
