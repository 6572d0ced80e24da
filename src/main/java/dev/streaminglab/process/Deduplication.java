package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicSet;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.Stores;

/**
 * Drops readings already processed: a producer that retries after a lost acknowledgement, a gateway that resends
 * its buffer, a replay of the same file, each sends the same reading twice, and windows would count it twice.
 * A reading is the same when its device, {@code seq} and event time are: a device that reboots and starts its
 * {@code seq} again sends new readings with new times, which are not duplicates.
 * <p>
 * Readings seen are kept in a window store ({@link #STORE}, changelogged) keyed by device and seq, at their event
 * time, for {@link #RETENTION} of stream time: longer than the widest window plus its grace, so a duplicate the
 * store has forgotten is too late for every window anyway (routed to {@code telemetry.late}), never counted twice.
 * Duplicates go to {@code telemetry.dlq} as DUPLICATE, with the reading's JSON and where its first copy was read.
 */
public final class Deduplication {
    public static final String STAGE = "deduplication";
    public static final String STORE = "reading-ids";
    /** Above the widest window (5 min) plus its grace (30 s), with room for the stream time of other tasks. */
    public static final Duration RETENTION = Duration.ofMinutes(10);

    private Deduplication() {
    }

    /** Sends repeated readings of {@code in} to the dead-letter topic and returns the first copies. */
    static KStream<String, Reading> dropDuplicates(StreamsBuilder builder, KStream<String, Reading> in,
            TopicSet topics) {
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, RETENTION, RETENTION,
                false), Serdes.String(), Serdes.String()));
        KStream<String, Seen> checked = in.processValues(CheckSeen::new, Named.as("deduplicate"), STORE);
        checked.filter((k, s) -> s.firstCopy() != null, Named.as("duplicates"))
                .mapValues(s -> Json.bytes(s.reading()), Named.as("duplicate-json"))
                .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return checked.filter((k, s) -> s.firstCopy() == null, Named.as("first-copies"))
                .mapValues(Seen::reading, Named.as("unique-reading"));
    }

    /** A reading, and where its first copy was read when this one is a duplicate (else null). */
    record Seen(Reading reading, String firstCopy) {
    }

    private static final class CheckSeen extends ContextualFixedKeyProcessor<String, Reading, Seen> {
        private WindowStore<String, String> seen;

        @Override
        public void init(FixedKeyProcessorContext<String, Seen> context) {
            super.init(context);
            seen = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Reading> record) {
            Reading r = record.value();
            String id = record.key() + "/" + r.seq();
            long t = record.timestamp();
            String first;
            try (WindowStoreIterator<String> it = seen.fetch(id, Instant.ofEpochMilli(t), Instant.ofEpochMilli(t))) {
                first = it.hasNext() ? it.next().value : null;
            }
            if (first == null) {
                seen.put(id, context().recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                        .orElse("?"), t);
                context().forward(record.withValue(new Seen(r, null)));
            } else {
                context().forward(record.withValue(new Seen(r, first)).withHeaders(DeadLetters.headers(
                        record.headers(), DeadLetterReason.DUPLICATE, "seq " + r.seq() + " of " + record.key()
                                + " at " + Instant.ofEpochMilli(t) + " was already processed (first copy read at "
                                + first + ")", STAGE, context().recordMetadata())));
            }
        }
    }
}
