package dev.streaminglab.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.ReadingLimits;
import dev.streaminglab.domain.TopicSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 1, validation: parses {@code telemetry.raw} once, at the edge.
 * <ul>
 * <li>reads {@code telemetry.raw} as bytes (key = device id), so no input can crash the application;</li>
 * <li>writes typed {@link Reading}s to {@code telemetry.valid}, keyed by the payload's device id and stamped
 * with the payload's event time, so every later stage windows by event time;</li>
 * <li>writes everything else to {@code telemetry.dlq} with the original key and bytes and the reason in
 * headers ({@link DeadLetters}): BAD_JSON, MISSING_FIELD or OUT_OF_RANGE. Nothing is dropped.</li>
 * </ul>
 * Watch it: {@code jbang-scripts/Pipeline.java --only validation}, then {@code Tail.java -t telemetry.dlq}.
 */
public final class Validation {
    public static final String STAGE = "validation";

    private Validation() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, TopicSet.STANDARD);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        KStream<String, Checked> checked = builder
                .stream(topics.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw"))
                .process(CheckReading::new, Named.as("validate"));
        checked.split(Named.as("validation-"))
                .branch((k, c) -> c.reading() != null, Branched.withConsumer(valid -> valid
                        .mapValues(Checked::reading, Named.as("valid-reading"))
                        .to(topics.valid(), Produced.with(Serdes.String(), Reading.SERDE)), "valid"))
                .defaultBranch(Branched.withConsumer(refused -> refused
                        .mapValues(Checked::original, Named.as("original-bytes"))
                        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())), "refused"));
    }

    /** A raw record after checking: either a reading, or its original bytes (the reason is in its headers). */
    record Checked(Reading reading, byte[] original) {
    }

    /** Why a payload is refused, with a detail for humans. */
    record Refusal(DeadLetterReason reason, String detail) {
    }

    /** Parses a raw value: the reading, or why it is refused. */
    static Object check(byte[] value) {
        if (value == null || value.length == 0) {
            return new Refusal(DeadLetterReason.BAD_JSON, "empty value");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return new Refusal(DeadLetterReason.BAD_JSON, "not JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            return new Refusal(DeadLetterReason.BAD_JSON, "not a JSON object");
        }
        Reading r;
        try {
            r = Json.MAPPER.treeToValue(tree, Reading.class);
        } catch (JsonProcessingException e) {
            return new Refusal(DeadLetterReason.BAD_JSON, "wrong field type: " + firstLine(e));
        }
        List<String> missing = new ArrayList<>();
        if (r.deviceId() == null || r.deviceId().isBlank()) {
            missing.add("deviceId");
        }
        if (r.timestamp() == null) {
            missing.add("timestamp");
        }
        if (r.seq() == null) {
            missing.add("seq");
        }
        if (r.temperature() == null) {
            missing.add("temperature");
        }
        if (r.humidity() == null) {
            missing.add("humidity");
        }
        if (!missing.isEmpty()) {
            return new Refusal(DeadLetterReason.MISSING_FIELD, "missing " + String.join(", ", missing));
        }
        String outside = outOfRange("temperature", r.temperature(), ReadingLimits.TEMPERATURE_C)
                + outOfRange("humidity", r.humidity(), ReadingLimits.HUMIDITY_PCT)
                + outOfRange("light", r.light(), ReadingLimits.LIGHT_LUX)
                + outOfRange("voltage", r.voltage(), ReadingLimits.VOLTAGE_V);
        if (!outside.isEmpty()) {
            return new Refusal(DeadLetterReason.OUT_OF_RANGE, outside.strip());
        }
        return r;
    }

    private static String outOfRange(String field, Double v, ReadingLimits.Range range) {
        return v == null || range.contains(v) ? ""
                : field + "=" + v + " outside [" + range.min() + ", " + range.max() + "] ";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Valid readings get the payload's device id as key (the payload is what the device vouches for) and its
     * event time as record time; refused ones keep their original key.
     */
    private static final class CheckReading extends ContextualProcessor<String, byte[], String, Checked> {
        @Override
        public void process(Record<String, byte[]> record) {
            Object result = check(record.value());
            if (result instanceof Reading r) {
                context().forward(record.withKey(r.deviceId()).withValue(new Checked(r, null))
                        .withTimestamp(r.timestamp()));
            } else {
                Refusal refusal = (Refusal) result;
                context().forward(record.withValue(new Checked(null, record.value()))
                        .withHeaders(DeadLetters.headers(record.headers(), refusal.reason(), refusal.detail(), STAGE,
                                context().recordMetadata())));
            }
        }
    }
}
