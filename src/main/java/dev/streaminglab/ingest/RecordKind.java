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
    VALID(null, false),
    /** Well-formed, but its event time lies behind the stream by at most the grace period: windows still take it. */
    OUT_OF_ORDER(null, false),
    /** Well-formed, but so old that every window it belongs to has closed. */
    LATE(null, false),
    BAD_JSON(DeadLetterReason.BAD_JSON, false),
    MISSING_FIELD(DeadLetterReason.MISSING_FIELD, false),
    OUT_OF_RANGE(DeadLetterReason.OUT_OF_RANGE, false),
    UNKNOWN_DEVICE(DeadLetterReason.UNKNOWN_DEVICE, false),
    /** Hostile: a reading stamped with a negative time (an unset or broken device clock). */
    NEGATIVE_TIME(DeadLetterReason.BAD_TIMESTAMP, true),
    /** Hostile: a reading stamped 2 h to 1 day ahead of the event clock, beyond what brokers accept. */
    FUTURE_TIME(DeadLetterReason.BAD_TIMESTAMP, true),
    /** Hostile: the very bytes of an earlier valid reading sent again (a producer retry, a gateway's resend). */
    DUPLICATE(DeadLetterReason.DUPLICATE, true),
    /** Hostile: a malformed row of a registered device, sent to the registry topic instead of the readings. */
    BAD_REGISTRY_ROW(DeadLetterReason.BAD_REGISTRY_ROW, true);

    private final DeadLetterReason reason;
    private final boolean hostile;

    RecordKind(DeadLetterReason reason, boolean hostile) {
        this.reason = reason;
        this.hostile = hostile;
    }

    /** The reason the pipeline must give, for the kinds that it must refuse. */
    public Optional<DeadLetterReason> deadLetterReason() {
        return Optional.ofNullable(reason);
    }

    /** A malformed reading: split from the {@code --malformed} share. */
    public boolean malformed() {
        return reason != null && !hostile;
    }

    /** A hostile record: split from the {@code --hostile} share. */
    public boolean hostile() {
        return hostile;
    }

    /** Goes to the registry topic, not the readings' topic. */
    public boolean registryRow() {
        return this == BAD_REGISTRY_ROW;
    }

    /** The malformed kinds, in declaration order: what the generator splits its malformed share over. */
    public static List<RecordKind> malformedKinds() {
        return Stream.of(values()).filter(RecordKind::malformed).toList();
    }

    /** The hostile kinds, in declaration order: what the generator splits its hostile share over. */
    public static List<RecordKind> hostileKinds() {
        return Stream.of(values()).filter(RecordKind::hostile).toList();
    }
}
