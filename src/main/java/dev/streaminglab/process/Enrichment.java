package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2, enrichment: reads {@code telemetry.valid}, drops repeated readings ({@link Deduplication}), looks each
 * reading's device up in the registry ({@link Registry}, a global store fed by {@code devices}) and writes
 * {@link EnrichedReading}s to {@code telemetry.enriched}; a reading whose device is not registered goes to
 * {@code telemetry.dlq} as UNKNOWN_DEVICE, a repeated one as DUPLICATE, with the reading's JSON as value.
 * <p>
 * The lookup is not time-synchronised with the stream: a reading meets the registry row current when it is
 * processed, not the row valid at its event time, which is what an operator editing thresholds expects (a replay
 * of old readings meets today's thresholds; {@link RegistryAsOf} shows the event-time alternative).
 */
public final class Enrichment {
    public static final String STAGE = "enrichment";

    private Enrichment() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        Registry.addTo(builder, TopicSet.STANDARD);
        build(builder, TopicSet.STANDARD);
        return builder.build();
    }

    /**
     * The sink of enriched readings: its record-e2e-latency is the live path's (event time to enriched), unlike the
     * sinks of late readings and final windows, whose records are old by design.
     */
    public static final String ENRICHED_SINK = "enriched-sink";

    /** The stage on a builder that holds the registry store already ({@link Registry#addTo}). */
    public static void build(StreamsBuilder builder, TopicSet topics) {
        KStream<String, Reading> valid = builder.stream(topics.valid(), Consumed.with(Serdes.String(), Reading.SERDE)
                .withTimestampExtractor(new EventTimeExtractor()).withName("valid"));
        publish(Deduplication.dropDuplicates(builder, valid, topics)
                .processValues(LookUpDevice::new, Named.as("join-registry")), topics, topics.enriched(), STAGE, "");
    }

    /**
     * Readings joined with their device to {@code output}; those without one to the dead-letter topic as
     * UNKNOWN_DEVICE from {@code stage}. Processor names start with {@code prefix}.
     */
    static void publish(KStream<String, Joined> joined, TopicSet topics, String output, String stage, String prefix) {
        joined.split(Named.as(prefix + "enrichment-"))
                .branch((k, j) -> j.device() != null, Branched.withConsumer(known -> known
                        .mapValues(j -> EnrichedReading.of(j.reading(), j.device()), Named.as(prefix + "enrich"))
                        .to(output, Produced.with(Serdes.String(), EnrichedReading.SERDE)
                                .withName(prefix + ENRICHED_SINK)), "known"))
                .defaultBranch(Branched.withConsumer(unknown -> unknown
                        .processValues(() -> new UnknownDevice(topics.devices(), stage),
                                Named.as(prefix + "unknown-device"))
                        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())), "unknown"));
    }

    record Joined(Reading reading, Device device) {
    }

    /** The reading with its device's current registry row, or null when the device is not registered. */
    private static final class LookUpDevice extends ContextualFixedKeyProcessor<String, Reading, Joined> {
        private KeyValueStore<String, Device> registry;

        @Override
        public void init(FixedKeyProcessorContext<String, Joined> context) {
            super.init(context);
            registry = context.getStateStore(Registry.STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Reading> record) {
            context().forward(record.withValue(new Joined(record.value(), registry.get(record.key()))));
        }
    }

    /** Dead letter for a reading of an unregistered device: its JSON, as read from telemetry.valid. */
    private static final class UnknownDevice extends ContextualFixedKeyProcessor<String, Joined, byte[]> {
        private final String registryTopic;
        private final String stage;

        UnknownDevice(String registryTopic, String stage) {
            this.registryTopic = registryTopic;
            this.stage = stage;
        }

        @Override
        public void process(FixedKeyRecord<String, Joined> record) {
            context().forward(record.withValue(Json.bytes(record.value().reading()))
                    .withHeaders(DeadLetters.headers(record.headers(), DeadLetterReason.UNKNOWN_DEVICE,
                            "device '" + record.key() + "' is not in the registry (topic " + registryTopic + ")",
                            stage, context().recordMetadata())));
        }
    }
}
