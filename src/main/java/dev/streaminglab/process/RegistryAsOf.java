package dev.streaminglab.process;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicSet;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Pattern, versioned table and temporal join (KIP-889, KIP-914): enrichment by event time. The registry
 * ({@code devices}) becomes a versioned KTable that keeps every row's history; each reading of
 * {@code telemetry.valid} is joined with its device's row <em>as of the reading's event time</em>, so an edit of a
 * threshold applies from the time stamped on the edit, and a replay joins exactly as the live run did, whatever
 * the registry says today. Writes {@code patterns.enriched.as-of} (an {@code EnrichedReading}, as
 * {@link Enrichment} does); a reading with no row at its time (unregistered then, deleted, or older than
 * {@link #HISTORY}) goes to {@code telemetry.dlq} as UNKNOWN_DEVICE.
 * <p>
 * {@link Enrichment}'s global store answers with the row current when the reading is processed: live, that is
 * about the row of its time; in a replay, every reading meets today's row. The price of the as-of join: the
 * registry is a partitioned KTable, not a global one (repartitioned here like the telemetry, so each task holds
 * the history of its own devices); a registry edit must carry the time it takes effect as its record timestamp;
 * and a reading older than its device's first row finds no device (a replay of 2004 data needs a registry
 * stamped in 2004). An edit that reaches Kafka after later readings were
 * joined cannot change them (KIP-923's grace period on the join would hold readings back for that).
 * Bad registry rows are skipped as by {@link Registry} (the device keeps its last good row); {@link RegistryCheck}
 * dead-letters them in the pipeline. Watch it: notebook 06, or {@code PatternsTest}.
 */
public final class RegistryAsOf {
    public static final String STAGE = "registry-as-of";
    public static final String STORE = "devices-versioned";
    /** How far back in event time a reading still finds its row: the telemetry topics' retention. */
    public static final Duration HISTORY = Duration.ofDays(7);

    private RegistryAsOf() {
    }

    public static Topology buildTopology(TopicSet topics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        KTable<String, Device> registry = builder.stream(topics.devices(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("registry-edits"))
                .mapValues((k, v) -> Registry.check(k, v), Named.as("check-registry-row"))
                .filter((k, row) -> !(row instanceof Registry.Bad), Named.as("usable-registry-rows"))
                // A tombstone stays one: the device is deleted from its timestamp on.
                .mapValues(row -> row instanceof Registry.Good g ? g.device() : null, Named.as("registry-device"))
                // Co-partitioned with the telemetry: Kafka Streams gives this topic the telemetry's partition count.
                .repartition(Repartitioned.<String, Device>as("registry-by-device").withKeySerde(Serdes.String())
                        .withValueSerde(Device.SERDE))
                .toTable(Named.as("registry-versions"), Materialized.<String, Device>as(
                                Stores.persistentVersionedKeyValueStore(STORE, HISTORY))
                        .withKeySerde(Serdes.String()).withValueSerde(Device.SERDE));
        KStream<String, Reading> valid = builder.stream(topics.valid(), Consumed.with(Serdes.String(), Reading.SERDE)
                .withTimestampExtractor(new EventTimeExtractor()).withName("valid-as-of"));
        Enrichment.publish(valid.leftJoin(registry, Enrichment.Joined::new,
                        Joined.<String, Reading, Device>as("join-registry-as-of")
                                .withKeySerde(Serdes.String()).withValueSerde(Reading.SERDE)
                                .withOtherValueSerde(Device.SERDE)),
                topics, topics.enrichedAsOf(), STAGE, "as-of-");
    }
}
