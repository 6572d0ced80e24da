package dev.streaminglab.bench;

import dev.streaminglab.domain.TopicSet;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * A Kafka Streams stage the benchmark measures against a raw consume-to-produce passthrough: one of the kit's
 * topologies, built on a {@link TopicSet} of the run's own.
 *
 * <p>The contract the harness relies on to know when a stage is done: every record of {@code input} yields
 * exactly one record on the {@code results} topics (a refused record goes to a dead-letter or late topic; it
 * is never silently dropped), and record caching is off, so each result is forwarded at once.
 *
 * @param inputScale multiplies the profile's input records: a stage that does little per record needs more of
 *     them to run long enough to time
 * @param definition adds the stage to a builder made from the application's config, so that the benchmark's
 *     choice of state store (RocksDB or in-memory) applies to the DSL's stores
 */
record StageUnderTest(String name, StageInput input, int inputScale, Function<TopicSet, List<String>> results,
        BiConsumer<StreamsBuilder, TopicSet> definition) {

    Topology build(TopicSet topics, Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        definition.accept(builder, topics);
        return builder.build(config);
    }
}
