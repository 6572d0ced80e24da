package dev.streaminglab.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.ReadingLimits;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tests' own reading of a raw record, written from the dead-letter reasons' definitions and independent of
 * the generator's code: what validation must say about these bytes.
 */
final class RawRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, ReadingLimits.Range> MEASURES = Map.of("temperature", ReadingLimits.TEMPERATURE_C,
            "humidity", ReadingLimits.HUMIDITY_PCT, "light", ReadingLimits.LIGHT_LUX, "voltage", ReadingLimits.VOLTAGE_V);

    private RawRecords() {
    }

    static Optional<DeadLetterReason> verdict(byte[] value, Set<String> registry) {
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (IOException e) {
            return Optional.of(DeadLetterReason.BAD_JSON);
        }
        if (node == null || !node.isObject()) {
            return Optional.of(DeadLetterReason.BAD_JSON);
        }
        for (String f : new String[] {"deviceId", "timestamp", "seq", "temperature", "humidity"}) {
            if (!node.hasNonNull(f)) {
                return Optional.of(DeadLetterReason.MISSING_FIELD);
            }
        }
        for (var m : MEASURES.entrySet()) {
            if (node.hasNonNull(m.getKey()) && !m.getValue().contains(node.get(m.getKey()).asDouble())) {
                return Optional.of(DeadLetterReason.OUT_OF_RANGE);
            }
        }
        if (!registry.contains(node.get("deviceId").asText())) {
            return Optional.of(DeadLetterReason.UNKNOWN_DEVICE);
        }
        return Optional.empty();
    }
}
