package dev.streaminglab.bench;

import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.streams.Topology;

/**
 * A Kafka Streams stage the benchmark measures against a raw consume-to-produce passthrough. The real
 * topologies plug in here: wrap their {@code buildTopology(...)} in an implementation and register it in
 * {@link UnderTest#stages()}, e.g. {@code StageUnderTest.of("validation", (topics, config) ->
 * ValidationTopology.build(topics.input(), topics.output(), topics.deadLetter()))}.
 *
 * <p>The contract the harness relies on to know when a stage is done: every input record yields at least one
 * record on {@code topics.output()} or {@code topics.deadLetter()} (a filtered-out record goes to the dead
 * letter topic; it is never silently dropped), and record caching is off, so each result is forwarded at once.
 */
public interface StageUnderTest {
    /** The stage column of the results, e.g. "validation". */
    String name();

    /**
     * Builds the topology. {@code config} is the application's configuration; build the StreamsBuilder with
     * {@code new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)))} so that the benchmark's choice
     * of state store (RocksDB or in-memory) applies to the DSL's stores.
     */
    Topology build(StageTopics topics, Properties config);

    /** A stage from a name and a topology builder: the one line that plugs in a real topology. */
    static StageUnderTest of(String name, BiFunction<StageTopics, Properties, Topology> builder) {
        return new StageUnderTest() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Topology build(StageTopics topics, Properties config) {
                return builder.apply(topics, config);
            }
        };
    }
}
