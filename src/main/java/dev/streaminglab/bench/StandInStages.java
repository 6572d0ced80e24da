package dev.streaminglab.bench;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.ReadingLimits;
import dev.streaminglab.domain.Windowing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stand-ins for the kit's topologies, written here so the benchmark has every stage to measure before the real
 * ones exist (see {@link UnderTest#stages()} to swap them). Each does the work its real counterpart does
 * (parse JSON once, check ranges, join the device registry, count per device in tumbling windows), so its
 * cost relative to the passthrough is a fair first estimate.
 */
public final class StandInStages {
    static final String REASON_HEADER = "dlq.reason";
    private static final Consumed<String, byte[]> RAW_IN = Consumed.with(Serdes.String(), Serdes.ByteArray());
    private static final Produced<String, byte[]> RAW_OUT = Produced.with(Serdes.String(), Serdes.ByteArray());

    /** Bytes in, bytes out, no parsing: the cost of consuming and producing through Streams at all. */
    public static final StageUnderTest PASSTHROUGH = new StandIn("passthrough",
            (b, t) -> b.stream(t.input(), RAW_IN).to(t.output(), RAW_OUT));

    /** Parse each reading and check its ranges; rejects go to the dead-letter topic with the reason. */
    public static final StageUnderTest VALIDATION = new StandIn("validation",
            (b, t) -> parsed(b, t, true).to(t.output(), Produced.with(Serdes.String(), Reading.SERDE)));

    /** Parse, then join each reading with its device from the registry table (a left join: none is lost). */
    public static final StageUnderTest ENRICHMENT = new StandIn("enrichment",
            (b, t) -> enriched(b, t, parsed(b, t, false))
                    .to(t.output(), Produced.with(Serdes.String(), EnrichedReading.SERDE)));

    /** Parse, then count readings per device in one-minute tumbling windows (a windowed state store). */
    public static final StageUnderTest WINDOWED_COUNT = new StandIn("windowed-count",
            (b, t) -> countPerWindow(parsed(b, t, false), Reading.SERDE)
                    .to(t.output(), Produced.with(Serdes.String(), Serdes.Long())));

    /** Validation, then enrichment, then the windowed count: the whole chain in one topology. */
    public static final StageUnderTest PIPELINE = new StandIn("pipeline",
            (b, t) -> countPerWindow(enriched(b, t, parsed(b, t, true)), EnrichedReading.SERDE)
                    .to(t.output(), Produced.with(Serdes.String(), Serdes.Long())));

    private StandInStages() {
    }

    /** A stage defined on a StreamsBuilder made with the application's config (so the store choice applies). */
    public record StandIn(String name, BiConsumer<StreamsBuilder, StageTopics> definition) implements StageUnderTest {
        @Override
        public Topology build(StageTopics topics, Properties config) {
            StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
            definition.accept(builder, topics);
            return builder.build(config);
        }
    }

    /** A parsed reading, or the raw bytes and why they were rejected. */
    private record Checked(Reading reading, byte[] raw, String reason) {
        static Checked of(byte[] raw, boolean checkRanges) {
            Reading r;
            try {
                r = Reading.SERDE.deserializer().deserialize("", raw);
            } catch (RuntimeException e) {
                return new Checked(null, raw, "unparseable: " + e.getMessage());
            }
            if (r == null || r.deviceId() == null || r.temperature() == null) {
                return new Checked(null, raw, "missing device id or temperature");
            }
            if (checkRanges && !ReadingLimits.TEMPERATURE_C.contains(r.temperature())) {
                return new Checked(null, raw, "temperature out of range: " + r.temperature());
            }
            return new Checked(r, raw, null);
        }
    }

    private static KStream<String, Reading> parsed(StreamsBuilder b, StageTopics t, boolean checkRanges) {
        Map<String, KStream<String, Checked>> branches = b.stream(t.input(), RAW_IN)
                .mapValues(raw -> Checked.of(raw, checkRanges))
                .split(Named.as("checked-"))
                .branch((key, c) -> c.reason() == null, Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        branches.get("checked-rejected").processValues(DeadLetter::new).to(t.deadLetter(), RAW_OUT);
        return branches.get("checked-ok").mapValues(Checked::reading);
    }

    private static KStream<String, EnrichedReading> enriched(StreamsBuilder b, StageTopics t,
            KStream<String, Reading> readings) {
        return readings.leftJoin(b.table(t.devices(), Consumed.with(Serdes.String(), Device.SERDE),
                        Materialized.as("devices")),
                EnrichedReading::new, Joined.with(Serdes.String(), Reading.SERDE, Device.SERDE));
    }

    private static <V> KStream<String, Long> countPerWindow(KStream<String, V> values,
            org.apache.kafka.common.serialization.Serde<V> serde) {
        return values.groupByKey(Grouped.with(Serdes.String(), serde))
                .windowedBy(TimeWindows.ofSizeAndGrace(Windowing.TUMBLING, Windowing.GRACE))
                .count(Materialized.as("counts-per-window"))
                .toStream((window, count) -> window.key());
    }

    /** The raw record, with the reason for its rejection in a header. */
    private static final class DeadLetter implements FixedKeyProcessor<String, Checked, byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Checked> record) {
            Checked c = record.value();
            record.headers().add(REASON_HEADER, c.reason().getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(c.raw()));
        }
    }
}
