package dev.streaminglab.bench;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.JsonSerde;
import dev.streaminglab.domain.Reading;
import org.apache.kafka.common.serialization.Serde;

/** The stand-in enrichment's output: a reading with its device, or a null device when the registry lacks it. */
public record EnrichedReading(Reading reading, Device device) {
    public static final Serde<EnrichedReading> SERDE = JsonSerde.of(EnrichedReading.class);
}
