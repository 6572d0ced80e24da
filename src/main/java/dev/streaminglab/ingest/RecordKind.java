package dev.streaminglab.ingest;

import dev.streaminglab.domain.DeadLetterReason;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the generator meant a record to be, so a run can state exactly how many records of each kind the
 * pipeline should accept, hold back as late, or dead-letter.
 */
public enum RecordKind {
    /** A well-formed reading in event-time order. */
    VALID(null),
    /** Well-formed, but its event time lies behind the stream by at most the grace period: windows still take it. */
    OUT_OF_ORDER(null),
    /** Well-formed, but so old that every window it belongs to has closed. */
    LATE(null),
    BAD_JSON(DeadLetterReason.BAD_JSON),
    MISSING_FIELD(DeadLetterReason.MISSING_FIELD),
    OUT_OF_RANGE(DeadLetterReason.OUT_OF_RANGE),
    UNKNOWN_DEVICE(DeadLetterReason.UNKNOWN_DEVICE);

    private final DeadLetterReason reason;

    RecordKind(DeadLetterReason reason) {
        this.reason = reason;
    }

    /** The reason validation must give, for the kinds that validation must refuse. */
    public Optional<DeadLetterReason> deadLetterReason() {
        return Optional.ofNullable(reason);
    }

    public boolean malformed() {
        return reason != null;
    }

    /** The malformed kinds, in declaration order: what the generator splits its malformed share over. */
    public static List<RecordKind> malformedKinds() {
        return Stream.of(values()).filter(RecordKind::malformed).toList();
    }
}
