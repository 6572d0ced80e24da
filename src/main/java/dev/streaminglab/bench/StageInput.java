package dev.streaminglab.bench;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.RecordKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a stage reads and what it finds there, made from the generator's records: the raw telemetry as sent,
 * or what validation (and enrichment) would have let through, so each stage alone gets the input the one
 * before it would give it.
 */
enum StageInput {
    /** The generator's bytes, malformed ones included. */
    RAW(TopicSet::raw, EnumSet.allOf(RecordKind.class)),
    /** Readings that pass validation; those of unregistered devices too (enrichment refuses them). */
    VALID(TopicSet::valid, EnumSet.of(RecordKind.VALID, RecordKind.OUT_OF_ORDER, RecordKind.LATE,
            RecordKind.UNKNOWN_DEVICE)),
    /** Valid readings of registered devices, joined with their device. */
    ENRICHED(TopicSet::enriched, EnumSet.of(RecordKind.VALID, RecordKind.OUT_OF_ORDER, RecordKind.LATE));

    private final Function<TopicSet, String> topic;
    private final Set<RecordKind> kinds;

    StageInput(Function<TopicSet, String> topic, Set<RecordKind> kinds) {
        this.topic = topic;
        this.kinds = kinds;
    }

    String topic(TopicSet topics) {
        return topic.apply(topics);
    }

    /** The record's value as this input holds it, or empty when the previous stage would not pass it on. */
    Optional<byte[]> encode(OutgoingRecord r, DeviceRegistry registry) {
        if (!kinds.contains(r.kind())) {
            return Optional.empty();
        }
        if (this != ENRICHED) {
            return Optional.of(r.value());
        }
        try {
            Reading reading = Json.MAPPER.readValue(r.value(), Reading.class);
            return Optional.of(Json.bytes(EnrichedReading.of(reading, registry.find(r.key()).orElseThrow())));
        } catch (IOException e) {
            throw new UncheckedIOException("the generator wrote a valid reading that does not parse", e);
        }
    }
}
