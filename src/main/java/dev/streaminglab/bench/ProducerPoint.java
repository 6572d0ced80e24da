package dev.streaminglab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One producer configuration of the sweep.
 *
 * @param axis which knob this point varies from the baseline ("baseline" for the baseline itself)
 * @param telemetry whether the records are the generator's telemetry ({@link TelemetryPayloads}) rather than
 *     random letters of {@code recordSize}
 */
record ProducerPoint(String axis, int recordSize, String acks, Profile.LingerBatch lingerBatch, String compression,
        int partitions, boolean telemetry) {

    ProducerPoint(String axis, int recordSize, String acks, Profile.LingerBatch lingerBatch, String compression,
            int partitions) {
        this(axis, recordSize, acks, lingerBatch, compression, partitions, false);
    }

    static final ProducerPoint BASELINE = new ProducerPoint("baseline", Profile.BASE_RECORD_SIZE, Profile.BASE_ACKS,
            Profile.BASE_LINGER_BATCH, Profile.BASE_COMPRESSION, Profile.BASE_PARTITIONS);

    /** The baseline, then one axis at a time. */
    static List<ProducerPoint> sweep(Profile p) {
        List<ProducerPoint> points = new ArrayList<>(List.of(BASELINE));
        ProducerPoint b = BASELINE;
        p.recordSizes().forEach(v -> points.add(new ProducerPoint("record_size", v, b.acks, b.lingerBatch, b.compression, b.partitions)));
        p.acks().forEach(v -> points.add(new ProducerPoint("acks", b.recordSize, v, b.lingerBatch, b.compression, b.partitions)));
        p.lingerBatch().forEach(v -> points.add(new ProducerPoint("linger_batch", b.recordSize, b.acks, v, b.compression, b.partitions)));
        p.compression().forEach(v -> points.add(new ProducerPoint("compression", b.recordSize, b.acks, b.lingerBatch, v, b.partitions)));
        p.partitions().forEach(v -> points.add(new ProducerPoint("partitions", b.recordSize, b.acks, b.lingerBatch, b.compression, v)));
        points.add(new ProducerPoint("payload", TelemetryPayloads.MEAN_SIZE, b.acks, b.lingerBatch, b.compression,
                b.partitions, true));
        return points;
    }

    ProducerPoint withAcks(String value) {
        return new ProducerPoint(axis, recordSize, value, lingerBatch, compression, partitions, telemetry);
    }

    Map<String, String> producerConfigs() {
        return KafkaTools.producerConfigs(acks, lingerBatch.lingerMs(), lingerBatch.batchSize(), compression);
    }

    /** Names the knob that differs from the baseline; the parameter columns hold the full configuration. */
    String label() {
        return switch (axis) {
            case "record_size" -> "size=" + recordSize + "B";
            case "acks" -> "acks=" + acks;
            case "linger_batch" -> "linger=" + lingerBatch.lingerMs() + " batch=" + lingerBatch.batchSize();
            case "compression" -> "compression=" + compression;
            case "partitions" -> "partitions=" + partitions;
            case "payload" -> "telemetry";
            default -> axis;
        };
    }

    Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", axis);
        m.put("record_size", recordSize);
        m.put("acks", acks);
        m.put("linger_ms", lingerBatch.lingerMs());
        m.put("batch_size", lingerBatch.batchSize());
        m.put("compression", compression);
        m.put("partitions", partitions);
        m.put("payload", telemetry ? "telemetry" : "letters");
        return m;
    }
}
