package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    @Test
    void theFullProfileRepeatsHeadlineComparisonsFiveTimesAndFitsItsBudget() {
        assertThat(Profile.FULL.repetitions()).isGreaterThanOrEqualTo(5);
        assertThat(Profile.FULL.readyRepetitions()).isEqualTo(10);
        assertThat(Profile.FULL.budget().values().stream().mapToDouble(Double::doubleValue).sum())
                .isLessThanOrEqualTo(95);
        assertThat(Profile.FULL.budget()).containsOnlyKeys(BenchSuites.ALL);
        assertThat(Profile.QUICK.budget().values().stream().mapToDouble(Double::doubleValue).sum()).isLessThan(8);
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
}
