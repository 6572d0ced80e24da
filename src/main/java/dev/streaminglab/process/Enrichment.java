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
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stage 2, enrichment: joins {@code telemetry.valid} with the device registry ({@code devices}) and writes
 * {@link EnrichedReading}s to {@code telemetry.enriched}; a reading whose device is not registered goes to
 * {@code telemetry.dlq} as UNKNOWN_DEVICE, with the reading's JSON as value.
 * <p>
 * The registry is a <b>GlobalKTable</b>, not a KTable, because:
 * <ul>
 * <li>every instance holds the whole registry (tens of rows), so {@code devices} needs no co-partitioning with
 * the telemetry: it can keep one partition while telemetry scales out;</li>
 * <li>a global table is fully restored before any stream task starts, so readings processed right after a start
 * never see a half-loaded registry and are never wrongly dead-lettered as UNKNOWN_DEVICE;</li>
 * <li>the global thread keeps reading {@code devices}, so an edited or new device row applies to the next
 * reading without a restart (a tombstone removes the device).</li>
 * </ul>
 * The price: the lookup is not time-synchronised with the stream (a reading joins the row current when it is
 * processed, not the row valid at its event time), which is what an operator editing thresholds expects.
 */
public final class Enrichment {
    public static final String STAGE = "enrichment";
    public static final String DEVICES_STORE = "devices-registry";

    private Enrichment() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, TopicSet.STANDARD);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        GlobalKTable<String, Device> devices = builder.globalTable(topics.devices(),
                Consumed.with(Serdes.String(), Device.SERDE).withName("registry"), Materialized.as(DEVICES_STORE));
        builder.stream(topics.valid(), Consumed.with(Serdes.String(), Reading.SERDE)
                        .withTimestampExtractor(new EventTimeExtractor()).withName("valid"))
                .leftJoin(devices, (deviceId, reading) -> deviceId, Joined::new, Named.as("join-registry"))
                .split(Named.as("enrichment-"))
                .branch((k, j) -> j.device() != null, Branched.withConsumer(known -> known
                        .mapValues(j -> EnrichedReading.of(j.reading(), j.device()), Named.as("enrich"))
                        .to(topics.enriched(), Produced.with(Serdes.String(), EnrichedReading.SERDE)),
                        "known"))
                .defaultBranch(Branched.withConsumer(unknown -> unknown
                        .processValues(() -> new UnknownDevice(topics.devices()), Named.as("unknown-device"))
                        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())), "unknown"));
    }

    record Joined(Reading reading, Device device) {
    }

    /** Dead letter for a reading of an unregistered device: its JSON, as read from telemetry.valid. */
    private static final class UnknownDevice extends ContextualFixedKeyProcessor<String, Joined, byte[]> {
        private final String registryTopic;

        UnknownDevice(String registryTopic) {
            this.registryTopic = registryTopic;
        }

        @Override
        public void process(FixedKeyRecord<String, Joined> record) {
            context().forward(record.withValue(Json.bytes(record.value().reading()))
                    .withHeaders(DeadLetters.headers(record.headers(), DeadLetterReason.UNKNOWN_DEVICE,
                            "device '" + record.key() + "' is not in the registry (topic " + registryTopic + ")",
                            STAGE, context().recordMetadata())));
        }
    }
}
