package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 s under the JDBC sink, then started again: every window ends in the table once
 * (6,000 rows, the counts summing to 0 + 1 + ... + 5,999), none goes to the dead-letter topic. With
 * {@code -Dfaults.update=true} its results replace the committed ones.
 */
@Tag("long")
class PostgresOutageIT {
    @Test
    void nothingIsLostOrDuplicatedWhenTheDatabaseComesBack() throws Exception {
        RunStamp stamp = RunStamp.start("faults", PostgresOutage.NAME);
        Row row = PostgresOutage.run(ProcessRun.HOME.resolve("target/faults/" + PostgresOutage.NAME),
                SharedCluster.freePortBlock(1));
        Map<String, Object> f = row.facts();
        System.out.println("postgres outage: " + f);
        Path out = Boolean.getBoolean("faults.update") ? ProcessRun.HOME.resolve("docs/results/faults")
                : ProcessRun.HOME.resolve("target/faults/results");
        FaultsCommand.save(out, stamp.finished(), List.of(row));
        assertThat(f.get("rows")).isEqualTo((long) PostgresOutage.ROWS);
        assertThat(f.get("distinctWindows")).isEqualTo((long) PostgresOutage.ROWS);
        assertThat(f.get("countSum")).isEqualTo(f.get("expectedCountSum"));
        assertThat(f.get("deadLetters")).isEqualTo(0L);
        assertThat(((Number) f.get("rowsAtStop")).longValue()).isBetween((long) PostgresOutage.STOP_AT_ROWS,
                (long) PostgresOutage.ROWS - 1);
    }
}
