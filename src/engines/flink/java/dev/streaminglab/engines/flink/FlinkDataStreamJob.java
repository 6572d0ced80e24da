package dev.streaminglab.engines.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streaminglab.engines.flink.FlinkCheck.Checked;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The job (docs/evaluation/job.md) as a Flink DataStream program on a local MiniCluster. The Kafka source checks
 * each record as it reads it, so only accepted readings carry an event time: refused ones cannot move the
 * watermark (the source's, per partition, 30 s behind). A function keyed by partition applies the job's lateness
 * rule with the partition's stream time in keyed state; Flink's own event-time windows then aggregate per site
 * and fire once, when the watermark passes their end. Exactly-once: checkpoints plus Kafka transactions.
 */
public final class FlinkDataStreamJob {
    private static final long WINDOW_MS = 60_000;
    private static final long GRACE_MS = 30_000;

    private FlinkDataStreamJob() {
    }

    public static void main(String[] argv) throws Exception {
        FlinkRuntime rt = FlinkRuntime.parse(argv);
        StreamExecutionEnvironment env = rt.environment();
        Map<String, String> sites = new LinkedHashMap<>(rt.sites);
        KafkaSource<Checked> source = KafkaSource.<Checked>builder()
                .setBootstrapServers(rt.arg("bootstrap")).setTopics(rt.arg("input")).setGroupId(rt.arg("id"))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new KafkaRecordDeserializationSchema<Checked>() {
                    @Override
                    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Checked> out) {
                        out.collect(FlinkCheck.check(r.key(), r.value(), r.partition(), sites));
                    }

                    @Override
                    public TypeInformation<Checked> getProducedType() {
                        return TypeInformation.of(Checked.class);
                    }
                }).build();
        // Bounded out-of-orderness emits max - 30 s - 1 ms: a window [s, e) fires once e <= max - 30 s, the job's rule.
        WatermarkStrategy<Checked> watermarks = WatermarkStrategy.<Checked>forBoundedOutOfOrderness(
                Duration.ofMillis(GRACE_MS)).withTimestampAssigner((c, t) -> c.reason == null ? c.timestamp : Long.MIN_VALUE);
        DataStream<Checked> checked = env.fromSource(source, watermarks, "raw").setParallelism(1)
                .keyBy(c -> c.partition).process(new MarkLate()).name("lateness");

        String windowsTopic = rt.arg("windows");
        String dlqTopic = rt.arg("dlq");
        checked.filter(c -> c.reason == null).name("accepted")
                .keyBy(c -> c.site)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MS)))
                .aggregate(new Stats(), new ToJson()).name("site-1m")
                .sinkTo(sink(rt, "windows", (byte[][] kv) -> new ProducerRecord<>(windowsTopic, kv[0], kv[1])));
        checked.filter(c -> c.reason != null).name("refused")
                .map(c -> new byte[][] {c.key, c.value, c.reason.getBytes(StandardCharsets.UTF_8)})
                .sinkTo(sink(rt, "dlq", (byte[][] r) -> {
                    RecordHeaders h = new RecordHeaders();
                    h.add("dlq.reason", r[2]);
                    return new ProducerRecord<>(dlqTopic, null, null, r[0], r[1], h);
                }));
        env.execute("telemetry job (DataStream)");
    }

    /** The lateness rule: late when the window's end is at most the partition's stream time minus grace. */
    static final class MarkLate extends KeyedProcessFunction<Integer, Checked, Checked> {
        private transient ValueState<Long> streamTime;

        @Override
        public void open(OpenContext ctx) {
            streamTime = getRuntimeContext().getState(new ValueStateDescriptor<>("stream-time", Long.class));
        }

        @Override
        public void processElement(Checked c, Context ctx, Collector<Checked> out) throws Exception {
            if (c.reason == null) {
                Long time = streamTime.value();
                if (time != null && c.timestamp / WINDOW_MS * WINDOW_MS + WINDOW_MS <= time - GRACE_MS) {
                    c.reason = "LATE";
                } else {
                    streamTime.update(time == null ? c.timestamp : Math.max(time, c.timestamp));
                }
            }
            out.collect(c);
        }
    }

    /** count, min, max, sum of temperatures. */
    static final class Stats implements AggregateFunction<Checked, Tuple4<Long, Double, Double, Double>,
            Tuple4<Long, Double, Double, Double>> {
        @Override
        public Tuple4<Long, Double, Double, Double> createAccumulator() {
            return Tuple4.of(0L, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0);
        }

        @Override
        public Tuple4<Long, Double, Double, Double> add(Checked c, Tuple4<Long, Double, Double, Double> a) {
            return Tuple4.of(a.f0 + 1, Math.min(a.f1, c.temperature), Math.max(a.f2, c.temperature), a.f3 + c.temperature);
        }

        @Override
        public Tuple4<Long, Double, Double, Double> getResult(Tuple4<Long, Double, Double, Double> a) {
            return a;
        }

        @Override
        public Tuple4<Long, Double, Double, Double> merge(Tuple4<Long, Double, Double, Double> a,
                Tuple4<Long, Double, Double, Double> b) {
            return Tuple4.of(a.f0 + b.f0, Math.min(a.f1, b.f1), Math.max(a.f2, b.f2), a.f3 + b.f3);
        }
    }

    /** A closed window as the job's JSON, keyed by site. */
    static final class ToJson extends ProcessWindowFunction<Tuple4<Long, Double, Double, Double>, byte[][], String,
            TimeWindow> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public void process(String site, Context ctx, Iterable<Tuple4<Long, Double, Double, Double>> stats,
                Collector<byte[][]> out) throws Exception {
            Tuple4<Long, Double, Double, Double> s = stats.iterator().next();
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("site", site);
            w.put("windowStart", ctx.window().getStart());
            w.put("windowEnd", ctx.window().getEnd());
            w.put("count", s.f0);
            w.put("min", s.f1);
            w.put("max", s.f2);
            w.put("avg", s.f3 / s.f0);
            out.collect(new byte[][] {site.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(w)});
        }
    }

    /** A Kafka sink of the job's guarantee: transactions committed with each checkpoint for exactly-once. */
    private static <T> KafkaSink<T> sink(FlinkRuntime rt, String name, RecordOf<T> toRecord) {
        return KafkaSink.<T>builder().setBootstrapServers(rt.arg("bootstrap"))
                .setRecordSerializer((KafkaRecordSerializationSchema<T>) (element, ctx, ts) -> toRecord.apply(element))
                .setDeliveryGuarantee(rt.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(rt.arg("id") + "-" + name)
                .setProperty("transaction.timeout.ms", "60000")
                .build();
    }

    @FunctionalInterface
    interface RecordOf<T> extends Serializable {
        ProducerRecord<byte[], byte[]> apply(T element);
    }
}
