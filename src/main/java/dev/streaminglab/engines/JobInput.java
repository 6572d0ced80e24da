package dev.streaminglab.engines;

import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.RecordKind;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The input of an engine run, record by record in partition order (the input topic has one partition): the
 * generator's telemetry (in order, out of order, late, malformed), plus duplicates (a record sent again, as a
 * producer retry without idempotence or a device re-sending does), plus {@link Hostile} records at fixed
 * positions, plus one closing reading at the end. Everything follows from the settings and seed.
 *
 * <p>The closing reading lies {@link #CLOSING_GAP} after the generator's last event time, so every window the
 * generator's readings opened has closed before it; its own window stays open and is not expected.
 */
public final class JobInput {
    /** Far enough past the last reading that its window (1 min) plus grace (30 s) has passed. */
    public static final Duration CLOSING_GAP = Duration.ofMinutes(2);
    /** Duplicates follow their original within this many records. */
    static final int DUPLICATE_MAX_DISTANCE = 3;

    /**
     * One input record and what the generator meant by it.
     *
     * @param intent the reason the job must give, or null for a reading the job must accept (late or not:
     *     lateness is the oracle's to compute)
     * @param reading for an accepted reading, the fields the windows use; null otherwise
     */
    public record Record(String key, byte[] value, JobReason intent, Reading reading, String origin) {
    }

    private JobInput() {
    }

    /**
     * @param duplicates fraction of the generator's records sent twice
     * @param hostile whether to add the {@link Hostile} records
     */
    public static List<Record> build(GeneratorSettings settings, double duplicates, boolean hostile) {
        DeviceRegistry registry = DeviceRegistry.lab(settings.devices(), settings.sites());
        SyntheticTelemetry telemetry = new SyntheticTelemetry(settings, registry, settings.start().toEpochMilli());
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5EEDL);
        long n = settings.count();
        long duplicatesLeft = Math.round(n * duplicates);
        List<Record> records = new ArrayList<>();
        Deque<long[]> pending = new ArrayDeque<>();
        List<Record> hostileRecords = new ArrayList<>();
        long clock = settings.start().toEpochMilli();
        for (long i = 0; i < n; i++) {
            OutgoingRecord out = telemetry.next();
            clock = out.clock();
            Record r = fromGenerator(out);
            records.add(r);
            if (duplicatesLeft > 0 && random.nextLong(n - i) < duplicatesLeft) {
                duplicatesLeft--;
                pending.add(new long[] {records.size() - 1, random.nextInt(DUPLICATE_MAX_DISTANCE + 1)});
            }
            while (!pending.isEmpty() && records.size() - 1 - pending.peek()[0] >= pending.peek()[1]) {
                Record original = records.get((int) pending.poll()[0]);
                records.add(new Record(original.key(), original.value(), original.intent(), original.reading(),
                        "duplicate of " + original.origin()));
            }
            if (hostile && hostileRecords.size() < Hostile.values().length
                    && i + 1 == (hostileRecords.size() + 1) * n / (Hostile.values().length + 1)) {
                Record h = Hostile.values()[hostileRecords.size()].record(registry, clock);
                hostileRecords.add(h);
                records.add(h);
            }
        }
        while (!pending.isEmpty()) {
            Record original = records.get((int) pending.poll()[0]);
            records.add(new Record(original.key(), original.value(), original.intent(), original.reading(),
                    "duplicate of " + original.origin()));
        }
        String first = registry.ids().get(0);
        Reading closing = new Reading(first, clock + CLOSING_GAP.toMillis(), 20.0, 45.0, 10.0, 2.9, n + 1);
        records.add(new Record(first, Json.bytes(closing), null, closing, "closing reading"));
        return records;
    }

    private static Record fromGenerator(OutgoingRecord out) {
        JobReason intent = out.kind().deadLetterReason().map(r -> JobReason.valueOf(r.name())).orElse(null);
        Reading reading = intent == null ? readingOf(out.value()) : null;
        return new Record(out.key(), out.value(), intent, reading, "generator " + out.kind());
    }

    private static Reading readingOf(byte[] json) {
        return Reading.SERDE.deserializer().deserialize("", json);
    }

    /** Counts of the input's records by origin kind, for reports. */
    public static Map<String, Long> originCounts(List<Record> records) {
        Map<String, Long> m = new TreeMap<>();
        for (Record r : records) {
            String kind = r.origin().startsWith("duplicate") ? "duplicate"
                    : r.origin().startsWith("hostile") ? "hostile" : r.origin();
            m.merge(kind, 1L, Long::sum);
        }
        return m;
    }

    /**
     * Records no generator makes but a real topic receives, each at its own position in the input: what the job
     * must refuse (or accept) however it is written. Timestamps are relative to the generator's clock there.
     */
    public enum Hostile {
        TOMBSTONE(JobReason.BAD_JSON, "a null value (a tombstone)"),
        EMPTY(JobReason.BAD_JSON, "an empty value"),
        NOT_UTF8(JobReason.BAD_JSON, "bytes that are not UTF-8"),
        TRAILING_GARBAGE(JobReason.BAD_JSON, "a JSON object followed by more text"),
        TEXT_TEMPERATURE(JobReason.BAD_JSON, "temperature as text (\"hot\")"),
        BOOLEAN_SEQ(JobReason.BAD_JSON, "seq as a boolean"),
        NAN_TEMPERATURE(JobReason.BAD_JSON, "temperature NaN (not JSON)"),
        NULL_HUMIDITY(JobReason.MISSING_FIELD, "humidity null"),
        BLANK_DEVICE(JobReason.MISSING_FIELD, "deviceId blank"),
        NEGATIVE_TIMESTAMP(JobReason.OUT_OF_RANGE, "event time before 1970"),
        FAR_FUTURE_TIMESTAMP(JobReason.OUT_OF_RANGE, "event time in 2200"),
        REFUSED_FROM_TOMORROW(JobReason.OUT_OF_RANGE, "a day ahead, temperature 999: must not move time"),
        GHOST_FROM_TOMORROW(JobReason.UNKNOWN_DEVICE, "a day ahead, unknown device: must not move time"),
        KEY_NOT_DEVICE(null, "key names another device than the payload: the payload wins"),
        EXTRA_FIELD(null, "an unknown extra field: accepted");

        private final JobReason intent;
        private final String what;

        Hostile(JobReason intent, String what) {
            this.intent = intent;
            this.what = what;
        }

        Record record(DeviceRegistry registry, long clock) {
            String a = registry.ids().get(0);
            String b = registry.ids().get(registry.size() - 1);
            long day = Duration.ofDays(1).toMillis();
            String origin = "hostile " + name() + ": " + what;
            Reading ok = new Reading(b, clock, 21.5, 40.0, 300.0, 2.8, 1_000_000L + ordinal());
            return switch (this) {
                case TOMBSTONE -> new Record(a, null, intent, null, origin);
                case EMPTY -> new Record(a, new byte[0], intent, null, origin);
                case NOT_UTF8 -> new Record(a, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, intent, null, origin);
                case TRAILING_GARBAGE -> new Record(a, text(Json.text(ok) + " trailing"), intent, null, origin);
                case TEXT_TEMPERATURE -> new Record(a, text(json(a, clock, "\"hot\"", "40.0", "1")), intent, null, origin);
                case BOOLEAN_SEQ -> new Record(a, text(json(a, clock, "21.5", "40.0", "true")), intent, null, origin);
                case NAN_TEMPERATURE -> new Record(a, text(json(a, clock, "NaN", "40.0", "1")), intent, null, origin);
                case NULL_HUMIDITY -> new Record(a, text(json(a, clock, "21.5", "null", "1")), intent, null, origin);
                case BLANK_DEVICE -> new Record(a, text(json(" ", clock, "21.5", "40.0", "1")), intent, null, origin);
                case NEGATIVE_TIMESTAMP -> new Record(a, text(json(a, -5, "21.5", "40.0", "1")), intent, null, origin);
                case FAR_FUTURE_TIMESTAMP -> new Record(a, text(json(a, 7_258_118_400_000L, "21.5", "40.0", "1")),
                        intent, null, origin);
                case REFUSED_FROM_TOMORROW -> new Record(a, text(json(a, clock + day, "999", "40.0", "1")), intent,
                        null, origin);
                case GHOST_FROM_TOMORROW -> new Record(registry.ghostId(9),
                        text(json(registry.ghostId(9), clock + day, "21.5", "40.0", "1")), intent, null, origin);
                case KEY_NOT_DEVICE -> new Record(a, Json.bytes(ok), intent, ok, origin);
                case EXTRA_FIELD -> new Record(b, text(Json.text(ok).replaceFirst("\\{", "{\"firmware\":\"2.1\",")),
                        intent, ok, origin);
            };
        }

        private static String json(String device, long timestamp, String temperature, String humidity, String seq) {
            return "{\"deviceId\":\"" + device + "\",\"timestamp\":" + timestamp + ",\"temperature\":" + temperature
                    + ",\"humidity\":" + humidity + ",\"seq\":" + seq + "}";
        }

        private static byte[] text(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
