package dev.streaminglab.costs;

import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.process.TelemetryPipeline;
import dev.streaminglab.process.Validation;
import dev.streaminglab.process.WindowedAggregates;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a cost is measured on: the kit's real topologies from {@code process}, two passthroughs that do no work of
 * their own (one with Kafka Streams, one with a plain consumer and producer: the baselines), and two generic
 * stateful topologies for questions that are not about telemetry (exactly-once overhead, restore time). Each reads
 * the input form it names from {@code topics}; what it writes goes to other topics of the same set.
 */
public enum Stage {
    /** KafkaConsumer → KafkaProducer, bytes in, bytes out, offsets committed as Streams commits them. */
    PLAIN_PASSTHROUGH(InputForm.RAW, null),
    /** The same with Kafka Streams: {@code raw → valid}, bytes in, bytes out. */
    PASSTHROUGH(InputForm.RAW, (b, t) -> b.stream(t.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .to(t.valid(), Produced.with(Serdes.String(), Serdes.ByteArray()))),
    VALIDATION(InputForm.RAW, Validation::build),
    /** Through the pipeline's own assembly: the join needs the registry's global store beside it. */
    ENRICHMENT(InputForm.VALID, (b, t) -> TelemetryPipeline.build(b, t, EnumSet.of(TelemetryPipeline.Stage.ENRICHMENT))),
    WINDOWED_AGGREGATES(InputForm.ENRICHED, WindowedAggregates::build),
    /** The whole application: validation, enrichment, windows and alerts, linked by topics. */
    PIPELINE(InputForm.RAW, (b, t) -> TelemetryPipeline.build(b, t, EnumSet.allOf(TelemetryPipeline.Stage.class))),
    /** A count per key (store {@value #STORE}) written on every update: the classic exactly-once example. */
    COUNT_BY_KEY(InputForm.KEYED, (b, t) -> b.stream(t.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(Stage.STORE))
            .toStream().to(t.valid(), Produced.with(Serdes.String(), Serdes.Long()))),
    /** The latest value per key (store {@value #STORE}): what a restore rebuilds, value for value. */
    LATEST_BY_KEY(InputForm.KEYED, (b, t) -> b.stream(t.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .toTable(Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(Stage.STORE)
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
            .toStream().to(t.valid(), Produced.with(Serdes.String(), Serdes.ByteArray())));

    /** The state store of the generic topologies. */
    public static final String STORE = "store";

    private final InputForm input;
    private final BiConsumer<StreamsBuilder, TopicSet> definition;

    Stage(InputForm input, BiConsumer<StreamsBuilder, TopicSet> definition) {
        this.input = input;
        this.definition = definition;
    }

    public InputForm input() {
        return input;
    }

    /** Runs as plain clients rather than a Kafka Streams topology. */
    public boolean plain() {
        return definition == null;
    }

    /** "windowed-aggregates": how rows and charts name it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Adds the topology to a builder made from the application's config (so its store type applies). */
    void build(StreamsBuilder builder, TopicSet topics) {
        definition.accept(builder, topics);
    }
}
