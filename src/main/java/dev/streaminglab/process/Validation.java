package dev.streaminglab.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.ReadingLimits;
import dev.streaminglab.domain.TimestampBounds;
import dev.streaminglab.domain.TopicSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * headers ({@link DeadLetters}): BAD_JSON, MISSING_FIELD, BAD_TIMESTAMP or OUT_OF_RANGE. Nothing is dropped.</li>
 * <li>stamps each valid reading with its ingestion time (header {@link IngestionTime#HEADER}, the raw record's
 * time), which alerts measure silence by.</li>
 * </ul>
 * Event times outside {@link TimestampBounds} (negative, before 2000, far ahead of the clock) are refused here:
 * stamped on a record they would make Kafka Streams or the broker fail, or close every window of a partition.
 * Watch it: {@code jbang-scripts/Pipeline.java --only validation}, then {@code Tail.java -t telemetry.dlq}.
 */
public final class Validation {
    public static final String STAGE = "validation";
    private static final ObjectReader READING = Json.MAPPER.readerFor(Reading.class);

    private Validation() {
    }

    public static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, TopicSet.STANDARD, TimestampBounds.DEFAULT);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        build(builder, topics, TimestampBounds.DEFAULT);
    }

    public static void build(StreamsBuilder builder, TopicSet topics, TimestampBounds bounds) {
        KStream<String, Outcome> checked = builder
                .stream(topics.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw"))
                .process(() -> new CheckReading(bounds), Named.as("validate"));
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

    /** Parses a raw value: the reading, or why it is refused, when the pipeline's clock reads {@code nowMs}. */
    static Outcome check(byte[] value, TimestampBounds bounds, long nowMs) {
        if (value == null || value.length == 0) {
            return new Refused(DeadLetterReason.BAD_JSON, "empty value", value);
        }
        Reading r;
        try {
            // Straight to the record: the common case parses once, without a tree in between.
            r = READING.readValue(value);
        } catch (IOException notAReading) {
            return why(value);
        }
        if (r == null) {
            return why(value);
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
        Optional<String> badTime = bounds.refusal(r.timestamp(), nowMs);
        if (badTime.isPresent()) {
            return new Refused(DeadLetterReason.BAD_TIMESTAMP, badTime.get(), value);
        }
        return new Valid(r);
    }

    /** Why a value that is not a reading is refused: not JSON, not an object, or a field of the wrong type. */
    private static Refused why(byte[] value) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return new Refused(DeadLetterReason.BAD_JSON, "not JSON: " + firstLine(e), value);
        }
        if (tree == null || !tree.isObject()) {
            return new Refused(DeadLetterReason.BAD_JSON, "not a JSON object", value);
        }
        try {
            Json.MAPPER.treeToValue(tree, Reading.class);
            return new Refused(DeadLetterReason.BAD_JSON, "not a reading", value);
        } catch (JsonProcessingException e) {
            return new Refused(DeadLetterReason.BAD_JSON, "wrong field type: " + firstLine(e), value);
        }
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
     * Valid readings get the payload's device id as key (the payload is what the device vouches for), its
     * event time as record time and the raw record's time as ingestion time; refused ones keep their original key.
     */
    private static final class CheckReading extends ContextualProcessor<String, byte[], String, Outcome> {
        private final TimestampBounds bounds;

        CheckReading(TimestampBounds bounds) {
            this.bounds = bounds;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Outcome outcome = check(record.value(), bounds, context().currentSystemTimeMs());
            if (outcome instanceof Valid v) {
                Reading r = v.reading();
                context().forward(record.withKey(r.deviceId()).withValue(outcome).withTimestamp(r.timestamp())
                        .withHeaders(IngestionTime.stamp(record.headers(), record.timestamp())));
            } else if (outcome instanceof Refused refused) {
                context().forward(record.withValue(outcome).withHeaders(DeadLetters.headers(record.headers(),
                        refused.reason(), refused.detail(), STAGE, context().recordMetadata())));
            }
        }
    }
}
