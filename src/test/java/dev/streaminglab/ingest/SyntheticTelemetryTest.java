package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Windowing;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTelemetryTest {
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final GeneratorSettings BASE = GeneratorSettings.defaults().withStart(START);

    private static List<OutgoingRecord> generate(GeneratorSettings s) {
        var source = new SyntheticTelemetry(s, DeviceRegistry.lab(s.devices(), s.sites()), START.toEpochMilli());
        List<OutgoingRecord> out = new ArrayList<>();
        source.forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameRecordsByteForByte() {
        var a = generate(BASE.withCount(5_000).withSeed(7));
        var b = generate(BASE.withCount(5_000).withSeed(7));
        var c = generate(BASE.withCount(5_000).withSeed(8));
        assertThat(a).hasSize(5_000);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).key()).isEqualTo(a.get(i).key());
            assertThat(b.get(i).value()).isEqualTo(a.get(i).value());
            assertThat(b.get(i).kind()).isEqualTo(a.get(i).kind());
        }
        assertThat(c.stream().map(OutgoingRecord::valueText).toList())
                .isNotEqualTo(a.stream().map(OutgoingRecord::valueText).toList());
    }

    @Test
    void kindsAreExactAndEachRecordIsWhatItClaims() {
        var records = generate(BASE.withCount(100_000).withDefects(0.05, 0.01, 0.01).withRate(GeneratorSettings.MAX_RATE));
        Set<String> registry = new HashSet<>(DeviceRegistry.lab(54, 3).ids());
        Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        Map<DeadLetterReason, Long> verdicts = new EnumMap<>(DeadLetterReason.class);
        List<String> misjudged = new ArrayList<>();
        for (OutgoingRecord r : records) {
            kinds.merge(r.kind(), 1L, Long::sum);
            var verdict = RawRecords.verdict(r.value(), registry);
            if (!verdict.equals(r.kind().deadLetterReason())) {
                misjudged.add(r.kind() + ": " + r.valueText());
            }
            verdict.ifPresent(v -> verdicts.merge(v, 1L, Long::sum));
        }
        assertThat(misjudged).isEmpty();
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(RecordKind.VALID, 93_000L,
                RecordKind.OUT_OF_ORDER, 5_000L, RecordKind.LATE, 1_000L, RecordKind.BAD_JSON, 250L,
                RecordKind.MISSING_FIELD, 250L, RecordKind.OUT_OF_RANGE, 250L, RecordKind.UNKNOWN_DEVICE, 250L));
        assertThat(verdicts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
    }

    @Test
    void malformedSplitsOverTheReasonsWithTheRemainderFirst() {
        assertThat(KindPlan.quotas(12_345, 0.1, 0.02, 0.01, 0.001)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(RecordKind.VALID, 10_728L), Map.entry(RecordKind.OUT_OF_ORDER, 1_235L),
                Map.entry(RecordKind.LATE, 247L), Map.entry(RecordKind.BAD_JSON, 31L),
                Map.entry(RecordKind.MISSING_FIELD, 31L), Map.entry(RecordKind.OUT_OF_RANGE, 31L),
                Map.entry(RecordKind.UNKNOWN_DEVICE, 30L), Map.entry(RecordKind.NEGATIVE_TIME, 3L),
                Map.entry(RecordKind.FUTURE_TIME, 3L), Map.entry(RecordKind.DUPLICATE, 3L),
                Map.entry(RecordKind.BAD_REGISTRY_ROW, 3L)));
    }

    @Test
    void lateRecordsLieBehindTheCloseOfEveryWindowTheyBelongTo() {
        var records = generate(BASE.withCount(20_000).withDefects(0.1, 0.05, 0));
        Map<String, Long> newest = new HashMap<>();
        long late = 0;
        long outOfOrder = 0;
        for (OutgoingRecord r : records) {
            if (r.kind() == RecordKind.LATE) {
                late++;
                long closedBy = newest.get(r.key());
                long grace = Windowing.GRACE.toMillis();
                long tumblingEnd = Math.floorDiv(r.eventTime(), Windowing.TUMBLING.toMillis()) * Windowing.TUMBLING.toMillis()
                        + Windowing.TUMBLING.toMillis();
                long lastHoppingEnd = Math.floorDiv(r.eventTime(), Windowing.HOPPING_ADVANCE.toMillis())
                        * Windowing.HOPPING_ADVANCE.toMillis() + Windowing.HOPPING_SIZE.toMillis();
                assertThat(tumblingEnd + grace).isLessThanOrEqualTo(closedBy);
                assertThat(lastHoppingEnd + grace).isLessThanOrEqualTo(closedBy);
            } else if (r.kind() == RecordKind.OUT_OF_ORDER) {
                outOfOrder++;
                assertThat(r.behindMillis()).isBetween(1L, 20_000L);
                newest.merge(r.key(), r.eventTime(), Math::max);
            } else {
                assertThat(r.eventTime()).isEqualTo(r.clock());
                newest.merge(r.key(), r.eventTime(), Math::max);
            }
        }
        assertThat(late).isEqualTo(1_000);
        assertThat(outOfOrder).isEqualTo(2_000);
    }

    @Test
    void eventClockAdvancesOneIntervalPerDeviceRound() {
        var records = generate(BASE.withCount(541).withDefects(0, 0, 0));
        assertThat(records.get(0).eventTime()).isEqualTo(START.toEpochMilli());
        // 54 devices, 1 s interval: record 540 is ten device rounds (10 s) after the first.
        assertThat(records.get(540).eventTime()).isEqualTo(START.toEpochMilli() + 10_000);
    }

    @Test
    void seqIncreasesPerDevice() throws IOException {
        Map<String, Long> last = new HashMap<>();
        for (OutgoingRecord r : generate(BASE.withCount(10_000).withDefects(0.05, 0.01, 0))) {
            JsonNode node = Json.MAPPER.readTree(r.value());
            long seq = node.get("seq").asLong();
            assertThat(seq).isEqualTo(last.getOrDefault(r.key(), 0L) + 1);
            last.put(r.key(), seq);
        }
        assertThat(last).hasSize(54);
    }

    @Test
    void zipfMakesTheFirstDevicesHot() {
        var clean = BASE.withCount(10_000).withDefects(0, 0, 0).withSeed(42);
        Map<String, Long> uniform = perKey(generate(clean));
        Map<String, Long> zipf = perKey(generate(clean.withSkew(KeySkew.ZIPF)));
        // Zipf s=1 over 54 devices: mote-1 expects 10,000 / H(54) = 2,184 (sd 41); uniform expects 185 (sd 13).
        assertThat(zipf.get("mote-1")).isEqualTo(2_215L);
        assertThat(zipf.get("mote-54")).isEqualTo(36L);
        assertThat(uniform.get("mote-1")).isEqualTo(195L);
        assertThat(uniform.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(250);
    }

    private static Map<String, Long> perKey(List<OutgoingRecord> records) {
        Map<String, Long> m = new HashMap<>();
        records.forEach(r -> m.merge(r.key(), 1L, Long::sum));
        return m;
    }

    @Test
    void readingsStayInsideTheLimitsAndLookLikeAnOfficeLab() throws IOException {
        double minT = Double.MAX_VALUE;
        double maxT = -Double.MAX_VALUE;
        for (OutgoingRecord r : generate(BASE.withCount(54 * 3600 / 10).withDefects(0, 0, 0)
                .withStart(Instant.parse("2026-01-05T00:00:00Z")))) {
            JsonNode n = Json.MAPPER.readTree(r.value());
            minT = Math.min(minT, n.get("temperature").asDouble());
            maxT = Math.max(maxT, n.get("temperature").asDouble());
        }
        assertThat(minT).isBetween(13.0, 20.0);
        assertThat(maxT).isBetween(18.0, 28.0);
    }

    /**
     * Hostile records come in exact numbers and are what they claim: negative or 2 h to 1 day ahead of the event
     * clock, an exact copy of the latest valid reading, a registry row of a registered device that cannot be used.
     * The rest of the run is unchanged: without --hostile the records are byte for byte those of before.
     */
    @Test
    void hostileRecordsAreExactAndEachIsWhatItClaims() throws IOException {
        var records = generate(BASE.withCount(10_000).withDefects(0.05, 0.01, 0.01).withHostile(0.02));
        Set<String> registry = new HashSet<>(DeviceRegistry.lab(54, 3).ids());
        Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        OutgoingRecord lastValid = null;
        for (OutgoingRecord r : records) {
            kinds.merge(r.kind(), 1L, Long::sum);
            switch (r.kind()) {
                case VALID, OUT_OF_ORDER -> lastValid = r;
                case NEGATIVE_TIME -> assertThat(Json.MAPPER.readTree(r.value()).get("timestamp").asLong()).isNegative();
                case FUTURE_TIME -> assertThat(Json.MAPPER.readTree(r.value()).get("timestamp").asLong() - r.clock())
                        .isBetween(GeneratorSettings.FUTURE_MIN_AHEAD.toMillis(), Duration.ofDays(1).toMillis());
                case DUPLICATE -> {
                    assertThat(r.key()).isEqualTo(lastValid.key());
                    assertThat(r.value()).isEqualTo(lastValid.value());
                }
                case BAD_REGISTRY_ROW -> {
                    assertThat(registry).contains(r.key());
                    assertThat(usableRegistryRow(r.value())).as(r.valueText()).isFalse();
                }
                default -> { }
            }
        }
        assertThat(kinds).containsAllEntriesOf(Map.of(RecordKind.NEGATIVE_TIME, 50L, RecordKind.FUTURE_TIME, 50L,
                RecordKind.DUPLICATE, 50L, RecordKind.BAD_REGISTRY_ROW, 50L, RecordKind.BAD_JSON, 25L,
                RecordKind.LATE, 100L));
        var plain = generate(BASE.withCount(2_000).withSeed(3));
        var withNone = generate(BASE.withCount(2_000).withSeed(3).withHostile(0));
        assertThat(withNone).extracting(OutgoingRecord::valueText)
                .containsExactlyElementsOf(plain.stream().map(OutgoingRecord::valueText).toList());
    }

    /** JSON with both temperature thresholds, the lower below the upper, and a humidity threshold. */
    private static boolean usableRegistryRow(byte[] value) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return false;
        }
        return n.isObject() && n.hasNonNull("tempMinC") && n.hasNonNull("tempMaxC") && n.hasNonNull("humidityMaxPct")
                && n.get("tempMinC").asDouble() < n.get("tempMaxC").asDouble();
    }
}
