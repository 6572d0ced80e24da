package dev.streaminglab.engines.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs job.sql, the job in Flink SQL, on a local MiniCluster with checkpoints (the same runtime as the DataStream
 * job): fills in its placeholders, runs the DDL and views, then both INSERTs as one job.
 */
public final class FlinkSqlJob {
    private FlinkSqlJob() {
    }

    public static void main(String[] argv) throws Exception {
        FlinkRuntime rt = FlinkRuntime.parse(argv);
        StreamTableEnvironment tables = StreamTableEnvironment.create(rt.environment());
        // TIMESTAMP_LTZ windows align to the session zone: UTC keeps them on the epoch's minutes, as the job says.
        tables.getConfig().set("table.local-time-zone", "UTC");
        // The lateness OVER window is ordered by processing time, so it must see the records in offset order. At
        // parallelism 2 the planner puts a round-robin exchange between the one reader and the OVER, which then
        // sees two interleaved halves, and on-time readings behind the other half look late (issue 17). SQL sets
        // no parallelism per operator, so the whole plan runs at 1 (one reader: no idle second reader either).
        tables.getConfig().set("table.exec.resource.default-parallelism", "1");
        String refusal = resource("refusal.sql").lines().filter(l -> !l.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        String site = rt.sites.entrySet().stream().map(e -> "WHEN '" + e.getKey() + "' THEN '" + e.getValue() + "'")
                .collect(Collectors.joining(" ", "CASE JSON_VALUE($s, '$.deviceId') ", " END"));
        Map<String, String> values = Map.of(
                "${REFUSAL_OF_V}", refusal.replace("$site", site).replace("$s", "CAST(v AS STRING)"),
                "${REFUSAL_OF_S}", refusal.replace("$site", site).replace("$s", "s"),
                "${SITE_OF_S}", site.replace("$s", "s"),
                "${INPUT}", rt.arg("input"), "${WINDOWS}", rt.arg("windows"), "${DLQ}", rt.arg("dlq"),
                "${BOOTSTRAP}", rt.arg("bootstrap"), "${ID}", rt.arg("id"),
                "${GUARANTEE}", rt.exactlyOnce() ? "exactly-once" : "at-least-once");
        String sql = resource("job.sql");
        for (Map.Entry<String, String> v : values.entrySet()) {
            sql = sql.replace(v.getKey(), v.getValue());
        }
        StatementSet inserts = tables.createStatementSet();
        for (String statement : sql.split(";\\s*\n")) {
            String s = statement.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
            if (s.startsWith("INSERT")) {
                inserts.addInsertSql(s);
            } else if (!s.isEmpty()) {
                tables.executeSql(s);
            }
        }
        inserts.execute().await();
    }

    private static String resource(String name) {
        try (InputStream in = FlinkSqlJob.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
