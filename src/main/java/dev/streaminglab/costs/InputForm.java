package dev.streaminglab.costs;

import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.RecordKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage reads, made from the generator's records: the raw telemetry as sent, or what validation (and
 * enrichment) would have let through, so each stage alone gets the input the one before it would give it; or
 * plain keyed records for the generic topologies (counts, stores).
 */
public enum InputForm {
    /** The generator's bytes, malformed ones included. */
    RAW(EnumSet.allOf(RecordKind.class)),
    /** Readings that pass validation; those of unregistered devices too (enrichment refuses them). */
    VALID(EnumSet.of(RecordKind.VALID, RecordKind.OUT_OF_ORDER, RecordKind.LATE, RecordKind.UNKNOWN_DEVICE)),
    /** Valid readings of registered devices, joined with their device. */
    ENRICHED(EnumSet.of(RecordKind.VALID, RecordKind.OUT_OF_ORDER, RecordKind.LATE)),
    /** Key {@code key-(i mod keys)}, a value of random letters: no telemetry at all. */
    KEYED(Set.of());

    private final Set<RecordKind> kinds;

    InputForm(Set<RecordKind> kinds) {
        this.kinds = kinds;
    }

    /** The record's value as this form holds it, or empty when the stages before would not pass it on. */
    Optional<byte[]> encode(OutgoingRecord r) {
        if (!kinds.contains(r.kind())) {
            return Optional.empty();
        }
        if (this != ENRICHED) {
            return Optional.of(r.value());
        }
        Reading reading = Json.read(r.value(), Reading.class);
        return Optional.of(Json.bytes(EnrichedReading.of(reading, Telemetry.REGISTRY.find(r.key()).orElseThrow())));
    }
}
