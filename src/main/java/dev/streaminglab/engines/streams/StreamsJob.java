package dev.streaminglab.engines.streams;

import dev.streaminglab.domain.JsonSerde;
import dev.streaminglab.engines.EngineArgs;
import dev.streaminglab.engines.JobCheck;
import dev.streaminglab.engines.JobReason;
import dev.streaminglab.engines.JobSpec;
import dev.streaminglab.engines.JobWindow;
import dev.streaminglab.engines.SiteRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The job (docs/evaluation/job.md) as a Kafka Streams topology, exactly-once v2. The check and the lateness rule
 * run in the task of the input partition (stream time in a changelogged store); accepted readings are re-keyed
 * by site and aggregated in tumbling windows with grace, emitted once when they close
 * ({@link EmitStrategy#onWindowClose()}). Refused and late records go to the dead-letter topic with the reason
 * in a header.
 */
public final class StreamsJob {
    static final String STREAM_TIME_STORE = "stream-time";
    private static final Serde<Acc> ACC = JsonSerde.of(Acc.class);

    /** A checked record: an accepted reading's temperature, or a refused one's bytes. */
    record Checked(Double temperature, byte[] original) {
    }

    /** A window's running count, minimum, maximum and sum. */
    record Acc(long count, double min, double max, double sum) {
        static Acc empty() {
            return new Acc(0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
        }

        Acc add(double t) {
            return new Acc(count + 1, Math.min(min, t), Math.max(max, t), sum + t);
        }
    }

    private StreamsJob() {
    }

    public static Topology build(EngineArgs args, Map<String, String> sites) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STREAM_TIME_STORE),
                Serdes.Integer(), Serdes.Long()));
        KStream<String, Checked> checked = builder.stream(args.input(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new CheckAndMarkLate(sites), Named.as("check"), STREAM_TIME_STORE);
        checked.split(Named.as("job-"))
                .branch((k, c) -> c.temperature() != null, Branched.withConsumer(accepted -> accepted
                        .mapValues(Checked::temperature)
                        .groupByKey(Grouped.with("by-site", Serdes.String(), Serdes.Double()))
                        .windowedBy(TimeWindows.ofSizeAndGrace(JobSpec.WINDOW, JobSpec.GRACE))
                        .emitStrategy(EmitStrategy.onWindowClose())
                        .aggregate(Acc::empty, (site, t, acc) -> acc.add(t), Materialized.with(Serdes.String(), ACC))
                        .toStream()
                        .map((w, a) -> KeyValue.pair(w.key(), new JobWindow(w.key(), w.window().start(),
                                w.window().end(), a.count(), a.min(), a.max(), a.sum() / a.count())))
                        .to(args.windows(), Produced.with(Serdes.String(), JobWindow.SERDE)), "accepted"))
                .defaultBranch(Branched.withConsumer(refused -> refused.mapValues(Checked::original)
                        .to(args.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray())), "refused"));
        return builder.build();
    }

    /**
     * Checks each raw record and applies the lateness rule with the partition's stream time (the largest event
     * time of accepted readings so far). Accepted on-time readings leave keyed by site and stamped with their
     * event time; the others keep their key and bytes and get the reason header.
     */
    private static final class CheckAndMarkLate extends ContextualProcessor<String, byte[], String, Checked> {
        private final Map<String, String> sites;
        private KeyValueStore<Integer, Long> streamTimes;

        CheckAndMarkLate(Map<String, String> sites) {
            this.sites = sites;
        }

        @Override
        public void init(ProcessorContext<String, Checked> context) {
            super.init(context);
            streamTimes = context.getStateStore(STREAM_TIME_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            int partition = context().recordMetadata().orElseThrow().partition();
            Long stored = streamTimes.get(partition);
            long streamTime = stored == null ? Long.MIN_VALUE : stored;
            JobCheck.Verdict v = JobCheck.check(record.value(), sites);
            if (v.accepted() && !JobSpec.late(v.timestamp(), streamTime)) {
                streamTimes.put(partition, Math.max(streamTime, v.timestamp()));
                context().forward(record.withKey(v.site()).withValue(new Checked(v.temperature(), null))
                        .withTimestamp(v.timestamp()));
                return;
            }
            String reason = v.accepted() ? JobReason.LATE.name() : v.reason().name();
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(JobSpec.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            context().forward(record.withValue(new Checked(null, record.value())).withHeaders(headers));
        }
    }

    public static Properties properties(EngineArgs args) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrap());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, args.id());
        p.put(StreamsConfig.STATE_DIR_CONFIG, args.state());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args.commitMs());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2
                : StreamsConfig.AT_LEAST_ONCE);
        // Emit-on-close is throttled to once a second of wall-clock time (an internal setting, 4.3): the windows
        // closed by the input's last reading would otherwise wait for a record that never comes.
        p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        return p;
    }

    public static void main(String[] argv) throws InterruptedException {
        EngineArgs args = EngineArgs.parse(argv);
        KafkaStreams streams = new KafkaStreams(build(args, SiteRegistry.read(args.registry())), properties(args));
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            stopped.countDown();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
        streams.close();
    }
}
