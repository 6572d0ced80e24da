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
        KStream<String, Outcome> checked = builder
                .stream(topics.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw"))
                .process(CheckReading::new, Named.as("validate"));
        checked.split(Named.as("validation-"))
                .branch((k, o) -> o instanceof Valid, Branched.withConsumer(valid -> valid
                        .mapValues(o -> ((Valid) o).reading(), Named.as("valid-reading"))
                        .to(topics.valid(), Produced.with(Serdes.String(), Reading.SERDE)), "valid"))
                .defaultBranch(Branched.withConsumer(refused -> refused
                        .mapValues(o -> ((Refused) o).original(), Named.as("original-bytes"))
                        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())), "refused"));
    }

    /** What validation makes of one raw value: a reading, or a refusal with its reason. */
    sealed interface Outcome permits Valid, Refused {
    }

    record Valid(Reading reading) implements Outcome {
    }

    /** Why a payload is refused, with a detail for humans, and the payload as it came (for the dead letter). */
    record Refused(DeadLetterReason reason, String detail, byte[] original) implements Outcome {
    }

    /** Parses a raw value: the reading, or why it is refused. */
    static Outcome check(byte[] value) {
        if (value == null || value.length == 0) {
            return new Refused(DeadLetterReason.BAD_JSON, "empty value", value);
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return new Refused(DeadLetterReason.BAD_JSON, "not JSON: " + firstLine(e), value);
        }
        if (tree == null || !tree.isObject()) {
            return new Refused(DeadLetterReason.BAD_JSON, "not a JSON object", value);
        }
        Reading r;
        try {
            r = Json.MAPPER.treeToValue(tree, Reading.class);
        } catch (JsonProcessingException e) {
            return new Refused(DeadLetterReason.BAD_JSON, "wrong field type: " + firstLine(e), value);
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
            return new Refused(DeadLetterReason.MISSING_FIELD, "missing " + String.join(", ", missing), value);
        }
        String outside = outOfRange("temperature", r.temperature(), ReadingLimits.TEMPERATURE_C)
                + outOfRange("humidity", r.humidity(), ReadingLimits.HUMIDITY_PCT)
                + outOfRange("light", r.light(), ReadingLimits.LIGHT_LUX)
                + outOfRange("voltage", r.voltage(), ReadingLimits.VOLTAGE_V);
        if (!outside.isEmpty()) {
            return new Refused(DeadLetterReason.OUT_OF_RANGE, outside.strip(), value);
        }
        return new Valid(r);
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
    private static final class CheckReading extends ContextualProcessor<String, byte[], String, Outcome> {
        @Override
        public void process(Record<String, byte[]> record) {
            Outcome outcome = check(record.value());
            if (outcome instanceof Valid v) {
                Reading r = v.reading();
                context().forward(record.withKey(r.deviceId()).withValue(outcome).withTimestamp(r.timestamp()));
            } else if (outcome instanceof Refused refused) {
                context().forward(record.withValue(outcome).withHeaders(DeadLetters.headers(record.headers(),
                        refused.reason(), refused.detail(), STAGE, context().recordMetadata())));
            }
        }
    }
}
