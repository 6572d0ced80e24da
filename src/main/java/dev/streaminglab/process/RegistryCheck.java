package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.TopicSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The registry's dead letters: reads {@code devices} as a stream and writes every row the registry store leaves out
 * ({@link Registry#check}) to {@code telemetry.dlq} as BAD_REGISTRY_ROW, with its key, bytes and the reason.
 * <p>
 * It runs as an application of its own ({@link #applicationId}) beside the pipeline: Kafka Streams lets a topic
 * feed either a global store or a stream task of one application, not both. Why not check the registry in a
 * stream task and feed the global store from a clean copy topic instead? Because that extra hop races a new
 * device's first readings (they would meet an empty registry and be refused as UNKNOWN_DEVICE), and at a first
 * start the global store would be loaded before the clean copy exists. Here the store reads {@code devices}
 * itself, as before, and both read the same rows with the same check, so they agree on every row.
 */
public final class RegistryCheck {
    public static final String STAGE = "registry-check";

    private RegistryCheck() {
    }

    /** The application id of the check that runs beside the pipeline {@code pipelineApplicationId}. */
    public static String applicationId(String pipelineApplicationId) {
        return pipelineApplicationId + "-" + STAGE;
    }

    public static Topology buildTopology() {
        return buildTopology(TopicSet.STANDARD);
    }

    public static Topology buildTopology(TopicSet topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.devices(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("registry-rows"))
                .processValues(() -> new BadRows(topics.devices()), Named.as("check-registry-row"))
                .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Forwards bad rows only, with their dead-letter headers; good rows and tombstones are the store's business. */
    private static final class BadRows extends ContextualFixedKeyProcessor<String, byte[], byte[]> {
        private final String registryTopic;

        BadRows(String registryTopic) {
            this.registryTopic = registryTopic;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            if (Registry.check(record.key(), record.value()) instanceof Registry.Bad bad) {
                context().forward(record.withHeaders(DeadLetters.headers(record.headers(),
                        DeadLetterReason.BAD_REGISTRY_ROW, "registry row of " + registryTopic + " refused: "
                                + bad.reason() + "; the device keeps its last good row", STAGE,
                        context().recordMetadata())));
            }
        }
    }
}
