package dev.streaminglab.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.engines.JobWindow.WindowKey;
import dev.streaminglab.engines.Oracle.DeadLetter;
import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input, the oracle and the comparator agree with what the generator meant, record by record. */
class OracleTest {
    private static final GeneratorSettings SETTINGS = GeneratorSettings.defaults().withCount(20_000)
            .withStart(Instant.parse("2026-03-01T08:00:00Z")).withInterval(Duration.ofSeconds(10)).withSeed(3);
    private static final List<JobInput.Record> INPUT = JobInput.build(SETTINGS, 0.005, true);
    private static final Map<String, String> SITES = SiteRegistry.sites(DeviceRegistry.lab(54, 3));

    @Test
    void inputIsTheGeneratorsRecordsPlusDuplicatesHostileAndOneClosingReading() {
        Map<String, Long> origins = JobInput.originCounts(INPUT);
        assertThat(origins.get("duplicate")).isEqualTo(100);
        assertThat(origins.get("hostile")).isEqualTo(JobInput.Hostile.values().length);
        assertThat(origins.get("closing reading")).isEqualTo(1);
        assertThat(INPUT).hasSize(20_000 + 100 + JobInput.Hostile.values().length + 1);
        assertThat(JobInput.build(SETTINGS, 0.005, true)).usingElementComparator((a, b) ->
                a.key().equals(b.key()) && Arrays.equals(a.value(), b.value()) ? 0 : 1).isEqualTo(INPUT);
    }

    @Test
    void theKitsCheckGivesEveryRecordTheReasonTheGeneratorMeant() {
        for (JobInput.Record r : INPUT) {
            JobCheck.Verdict v = JobCheck.check(r.value(), SITES);
            assertThat(v.reason()).as(r.origin()).isEqualTo(r.intent());
            if (v.accepted()) {
                assertThat(v.timestamp()).isEqualTo(r.reading().timestamp());
                assertThat(v.site()).isEqualTo(SITES.get(r.reading().deviceId()));
            }
        }
    }

    @Test
    void lateReadingsAreExactlyTheGeneratorsLateOnesAndTheirDuplicates() {
        Oracle.Expected truth = Oracle.compute(INPUT, SITES);
        long lateMeant = INPUT.stream().filter(r -> r.origin().endsWith("LATE")).count();
        assertThat(truth.late()).isEqualTo(lateMeant).isEqualTo(200 + INPUT.stream()
                .filter(r -> r.origin().equals("duplicate of generator LATE")).count());
        long acceptedInWindows = INPUT.stream().filter(r -> r.intent() == null).count() - lateMeant - 1;
        assertThat(truth.accepted()).isEqualTo(acceptedInWindows);
        assertThat(truth.open()).containsExactly(new WindowKey(SITES.get("mote-1"),
                JobSpec.windowStart(INPUT.get(INPUT.size() - 1).reading().timestamp())));
        assertThat(truth.deadLettersByReason().get(JobReason.BAD_JSON)).isEqualTo(50 + 7
                + INPUT.stream().filter(r -> r.origin().equals("duplicate of generator BAD_JSON")).count());
    }

    @Test
    void windowsCloseInOrderAndEachClosingRecordIsPastItsEndPlusGrace() {
        Oracle.Expected truth = Oracle.compute(INPUT, SITES);
        truth.closingIndex().forEach((k, i) -> {
            JobInput.Record closer = INPUT.get(i);
            assertThat(closer.reading().timestamp() - JobSpec.GRACE.toMillis())
                    .isGreaterThanOrEqualTo(k.windowStart() + JobSpec.WINDOW.toMillis());
        });
        assertThat(truth.windows()).hasSizeGreaterThan(100);
    }

    @Test
    void theComparatorNamesMissingWrongDuplicatedAndExtraOutput() {
        Oracle.Expected truth = Oracle.compute(INPUT, SITES);
        List<JobWindow> windows = new ArrayList<>(truth.windows().values());
        List<DeadLetter> letters = new ArrayList<>(truth.deadLetters());
        assertThat(Comparison.of(truth, windows, letters).exact()).isTrue();

        windows.remove(0);
        JobWindow second = windows.get(0);
        windows.set(0, new JobWindow(second.site(), second.windowStart(), second.windowEnd(), second.count() + 1,
                second.min(), second.max(), second.avg()));
        windows.add(windows.get(1));
        windows.add(new JobWindow("site-9", 0, 60_000, 1, 1, 1, 1));
        letters.add(letters.get(0));
        letters.remove(letters.size() - 2);
        Comparison c = Comparison.of(truth, windows, letters);
        assertThat(c.exact()).isFalse();
        assertThat(List.of(c.missing(), c.wrong(), c.duplicated(), c.unexpected())).containsExactly(1, 1, 1, 1);
        assertThat(c.matched()).isEqualTo(truth.windows().size() - 2);
        assertThat(c.deadLettersExtra()).isEqualTo(c.deadLettersMissing()).isEqualTo(1);
    }
}
