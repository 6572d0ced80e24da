package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    @Test
    void theFullSweepIsTheBaselineThenOneAxisAtATime() {
        List<ProducerPoint> points = ProducerPoint.sweep(Profile.FULL);
        assertThat(points).hasSize(1 + 4 + 2 + 2 + 2 + 2 + 1);
        assertThat(points.get(points.size() - 1)).satisfies(p -> assertThat(p.telemetry()).isTrue())
                .satisfies(p -> assertThat(p.recordSize()).isEqualTo(TelemetryPayloads.MEAN_SIZE));
        assertThat(points.get(0)).isEqualTo(ProducerPoint.BASELINE);
        assertThat(points.stream().filter(p -> p.axis().equals("acks")).map(ProducerPoint::acks)).containsExactly("0", "all");
        assertThat(points.stream().filter(p -> p.axis().equals("record_size")))
                .allSatisfy(p -> assertThat(p.withAcks("1")).isEqualTo(new ProducerPoint("record_size", p.recordSize(),
                        "1", Profile.BASE_LINGER_BATCH, "none", 3)));
    }

    @Test
    void largeRecordsAreCappedByTheByteBudget() {
        assertThat(Profile.FULL.recordsFor(100)).isEqualTo(1_000_000);
        assertThat(Profile.FULL.recordsFor(10_000)).isEqualTo(50_000);
        assertThat(Profile.QUICK.recordsFor(10_000)).isEqualTo(2_000);
        assertThat(Profile.warmupFor(2_000)).isEqualTo(400);
    }

    @Test
    void anUnknownProfileSaysWhichExist() {
        assertThatThrownBy(() -> Profile.named("medium")).isInstanceOf(LabException.class)
                .hasMessage("unknown profile 'medium': use quick or full");
    }

    @Test
    void aSecondBenchmarkInTheSameWorkFolderIsRefusedUntilTheFirstEnds(@TempDir Path work) {
        try (WorkDirLock first = WorkDirLock.acquire(work)) {
            assertThatThrownBy(() -> WorkDirLock.acquire(work)).isInstanceOf(LabException.class)
                    .hasMessage("another benchmark is running in " + work + ": wait for it to finish, or give this one "
                            + "a folder of its own with --work DIR");
        }
        WorkDirLock.acquire(work).close();
    }

    @Test
    void aMeasurementRejectsColumnsThatResultsCsvDoesNotHave() {
        assertThatThrownBy(() -> new Measurement("producer", "x", "y").metric("records_per_second", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("records_per_second");
    }
}
