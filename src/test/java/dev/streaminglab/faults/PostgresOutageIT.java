package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
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
        Map<String, Object> f = FaultRuns.run(PostgresOutage.NAME, work -> PostgresOutage.run(work, SharedCluster.freePortBlock(1)));
        assertThat(f.get("rows")).isEqualTo((long) PostgresOutage.ROWS);
        assertThat(f.get("distinctWindows")).isEqualTo((long) PostgresOutage.ROWS);
        assertThat(f.get("countSum")).isEqualTo(f.get("expectedCountSum"));
        assertThat(f.get("deadLetters")).isEqualTo(0L);
        assertThat(((Number) f.get("rowsAtStop")).longValue()).isBetween((long) PostgresOutage.STOP_AT_ROWS,
                (long) PostgresOutage.ROWS - 1);
    }
}
