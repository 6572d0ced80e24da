package dev.streaminglab.engines.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The job's checks (docs/evaluation/job.md, "Refusals"), on the Flink classpath: the first that fails gives the
 * reason. A record after checking is a {@link Checked} (a Flink POJO, so Flink serializes it without Kryo).
 */
final class FlinkCheck implements Serializable {
    static final long TIMESTAMP_MIN = 946_684_800_000L;
    static final long TIMESTAMP_MAX = 4_102_444_800_000L;
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> REQUIRED = List.of("deviceId", "timestamp", "seq", "temperature", "humidity");
    private static final Map<String, double[]> RANGES = Map.of("temperature", new double[] {-40, 85},
            "humidity", new double[] {0, 100}, "light", new double[] {0, 100_000}, "voltage", new double[] {0, 5});

    /** A raw record after checking: the reason it is refused (null when accepted) and, if accepted, its fields. */
    public static final class Checked {
        public byte[] key;
        public byte[] value;
        public int partition;
        public String reason;
        public long timestamp;
        public double temperature;
        public String site;

        public Checked() {
        }
    }

    private FlinkCheck() {
    }

    static String reason(JsonNode tree, Map<String, String> sites) {
        if (tree == null || !tree.isObject() || wrongType(tree)) {
            return "BAD_JSON";
        }
        for (String f : REQUIRED) {
            if (!tree.hasNonNull(f) || f.equals("deviceId") && tree.get(f).asText().isBlank()) {
                return "MISSING_FIELD";
            }
        }
        long ts = tree.get("timestamp").longValue();
        boolean outside = ts < TIMESTAMP_MIN || ts >= TIMESTAMP_MAX;
        for (Map.Entry<String, double[]> r : RANGES.entrySet()) {
            double v = tree.hasNonNull(r.getKey()) ? tree.get(r.getKey()).doubleValue() : r.getValue()[0];
            outside |= v < r.getValue()[0] || v > r.getValue()[1];
        }
        if (outside) {
            return "OUT_OF_RANGE";
        }
        return sites.containsKey(tree.get("deviceId").asText()) ? null : "UNKNOWN_DEVICE";
    }

    private static boolean wrongType(JsonNode t) {
        if (t.hasNonNull("deviceId") && !t.get("deviceId").isTextual()) {
            return true;
        }
        for (String f : List.of("timestamp", "seq")) {
            if (t.hasNonNull(f) && !(t.get(f).isIntegralNumber() && t.get(f).canConvertToLong())) {
                return true;
            }
        }
        return RANGES.keySet().stream().anyMatch(f -> t.hasNonNull(f) && !t.get(f).isNumber());
    }

    static Checked check(byte[] key, byte[] value, int partition, Map<String, String> sites) {
        Checked c = new Checked();
        c.key = key;
        c.value = value;
        c.partition = partition;
        JsonNode tree = null;
        if (value != null && value.length > 0) {
            try {
                tree = READER.readTree(value);
            } catch (IOException e) {
                tree = null;
            }
        }
        c.reason = reason(tree, sites);
        if (c.reason == null) {
            c.timestamp = tree.get("timestamp").longValue();
            c.temperature = tree.get("temperature").doubleValue();
            c.site = sites.get(tree.get("deviceId").asText());
        }
        return c;
    }
}
