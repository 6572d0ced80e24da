package dev.streaminglab.engines;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.ReadingLimits;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The job's validation (docs/evaluation/job.md, "Refusals") for the engines on the kit's classpath: the plain
 * consumer program and the Kafka Streams topology. The first failing check gives the reason.
 */
public final class JobCheck {
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> INTEGERS = List.of("timestamp", "seq");
    private static final List<String> NUMBERS = List.of("temperature", "humidity", "light", "voltage");
    private static final List<String> REQUIRED = List.of("deviceId", "timestamp", "seq", "temperature", "humidity");

    private JobCheck() {
    }

    /** The outcome for one value: a reason, or an accepted reading (reason null) with its site. */
    public record Verdict(JobReason reason, String deviceId, long timestamp, double temperature, String site) {
        static Verdict refused(JobReason reason) {
            return new Verdict(reason, null, 0, 0, null);
        }

        public boolean accepted() {
            return reason == null;
        }
    }

    public static Verdict check(byte[] value, Map<String, String> siteOfDevice) {
        if (value == null || value.length == 0) {
            return Verdict.refused(JobReason.BAD_JSON);
        }
        JsonNode tree;
        try {
            tree = READER.readTree(value);
        } catch (IOException e) {
            return Verdict.refused(JobReason.BAD_JSON);
        }
        if (tree == null || !tree.isObject() || wrongTypes(tree)) {
            return Verdict.refused(JobReason.BAD_JSON);
        }
        for (String field : REQUIRED) {
            if (absent(tree, field) || field.equals("deviceId") && tree.get(field).asText().isBlank()) {
                return Verdict.refused(JobReason.MISSING_FIELD);
            }
        }
        long timestamp = tree.get("timestamp").longValue();
        if (!JobSpec.timestampInBounds(timestamp) || outside(tree, "temperature", ReadingLimits.TEMPERATURE_C)
                || outside(tree, "humidity", ReadingLimits.HUMIDITY_PCT) || outside(tree, "light", ReadingLimits.LIGHT_LUX)
                || outside(tree, "voltage", ReadingLimits.VOLTAGE_V)) {
            return Verdict.refused(JobReason.OUT_OF_RANGE);
        }
        String deviceId = tree.get("deviceId").asText();
        String site = siteOfDevice.get(deviceId);
        if (site == null) {
            return Verdict.refused(JobReason.UNKNOWN_DEVICE);
        }
        return new Verdict(null, deviceId, timestamp, tree.get("temperature").doubleValue(), site);
    }

    /** A present, non-null field of the wrong JSON type: text id, 64-bit integers, numbers for measures. */
    private static boolean wrongTypes(JsonNode tree) {
        if (!absent(tree, "deviceId") && !tree.get("deviceId").isTextual()) {
            return true;
        }
        for (String f : INTEGERS) {
            if (!absent(tree, f) && !(tree.get(f).isIntegralNumber() && tree.get(f).canConvertToLong())) {
                return true;
            }
        }
        for (String f : NUMBERS) {
            if (!absent(tree, f) && !tree.get(f).isNumber()) {
                return true;
            }
        }
        return false;
    }

    private static boolean absent(JsonNode tree, String field) {
        return !tree.hasNonNull(field);
    }

    private static boolean outside(JsonNode tree, String field, ReadingLimits.Range range) {
        return !absent(tree, field) && !range.contains(tree.get(field).doubleValue());
    }
}
