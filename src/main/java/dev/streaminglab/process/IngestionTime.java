package dev.streaminglab.process;

import dev.streaminglab.domain.TelemetryHeaders;
import dev.streaminglab.kafka.HeaderText;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Reads and writes the ingestion time a reading carries from validation on ({@link TelemetryHeaders#INGESTED_AT}). */
final class IngestionTime {
    private IngestionTime() {
    }

    /** A copy of {@code original} with the ingestion time set: Streams shares header objects along the topology. */
    static Headers stamp(Headers original, long ingestedAtMs) {
        Headers h = new RecordHeaders(original.toArray());
        HeaderText.put(h, TelemetryHeaders.INGESTED_AT, Long.toString(ingestedAtMs));
        return h;
    }

    /** The ingestion time, or empty for a record written without one (by hand, or by an older pipeline). */
    static OptionalLong of(Headers headers) {
        String v = HeaderText.get(headers, TelemetryHeaders.INGESTED_AT);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
