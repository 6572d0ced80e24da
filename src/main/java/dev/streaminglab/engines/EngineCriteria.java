package dev.streaminglab.engines;

import dev.streaminglab.engines.EngineGrid.Cell;
import dev.streaminglab.engines.EngineGrid.Criterion;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The criteria of the evaluation grid, their weights, and every cell that is cited or judged (with its source or
 * reason). Measured cells come from the results file; nothing here is a measured figure.
 */
final class EngineCriteria {
    private static final String KSQLDB_NOT_RUN = "not run: ksqlDB is on no registry this kit can use";
    private static final double NONE = Double.NaN;

    static final List<Criterion> ALL = List.of(
            new Criterion("Correctness of the job", 15, "windows and dead letters against the oracle, hostile "
                    + "input included; " + EngineGrid.COMMAND, EngineCriteria::correctness),
            new Criterion("Delivery under kill -9", 15, "windows lost / duplicated after kill -9 and restart, "
                    + "under the engine's strongest guarantee; " + EngineGrid.COMMAND, EngineCriteria::recovery),
            new Criterion("Throughput per core", 10, "records/s ÷ cores the engine used (catch-up, median of "
                    + "repetitions); " + EngineGrid.COMMAND, r -> withKsqldb(EngineGrid.relative(r, "throughput",
                    "records_per_s_per_core", true, 0, ""))),
            new Criterion("Latency", 10, "p99 ms from the record that closes a window to the window visible "
                    + "(read_committed), at half of the engine's own maximum; " + EngineGrid.COMMAND,
                    r -> withKsqldb(EngineGrid.relative(r, "latency", "latency_p99_ms", false, 0, " ms"))),
            new Criterion("Memory", 5, "peak RSS (MB), 1 GB heap for every JVM engine; " + EngineGrid.COMMAND,
                    r -> withKsqldb(EngineGrid.relative(r, "throughput", "rss_peak_mb", false, 0, " MB"))),
            new Criterion("Start-up", 2, "launch to first window out (s); " + EngineGrid.COMMAND,
                    r -> withKsqldb(EngineGrid.relative(r, "correctness", "startup_s", false, 1, " s"))),
            new Criterion("Effort: code of the job", 8, "lines of code (no blanks, no comments) of the job's own "
                    + "files; " + EngineGrid.COMMAND, r -> withKsqldb(linesOfCode(r))),
            new Criterion("Time semantics", 10, "can the job's event-time, lateness and emit-once rules be said "
                    + "in the engine's own terms? (from writing the job on each)", r -> judged(
                    Cell.judged(4, "stream time per task, grace, emit-on-close; lateness across partitions is per "
                            + "aggregating task, not a watermark; late records are dropped silently unless routed by "
                            + "hand; emit-on-close needs an internal setting to emit without a next record"),
                    Cell.judged(5, "per-partition watermarks at the source, event-time windows, keyed state for "
                            + "the rule; refused records kept out of the watermark by the deserializer"),
                    Cell.judged(3, "watermark only on a source column, and computed columns cannot refer to each "
                            + "other: the whole refusal check is spliced in twice; IS JSON accepts text after "
                            + "the object; JSON_VALUE RETURNING DOUBLE fails the job on a text value"),
                    Cell.judged(2, "one global watermark from the previous micro-batch: the rule needs "
                            + "flatMapGroupsWithState in offset order; a first micro-batch drops nothing late"),
                    Cell.judged(2, "everything by hand: stream time, windows, emission, state snapshots"),
                    Cell.judged(2, "everything by hand, as plain Java"),
                    Cell.cited(3, "windows with grace and emit-final over Kafka Streams; no dead-letter output "
                            + "for late records ([ksqlDB docs, time and windows](https://docs.ksqldb.io/en/"
                            + "latest/concepts/time-and-windows-in-ksqldb-queries/), 0.29)"))),
            new Criterion("Elasticity", 5, "scale out and back, automatically?", r -> judged(
                    Cell.judged(3, "instances join the group up to the partition count; no autoscaler of its own "
                            + "(limits catalogue: no-autoscaling)"),
                    Cell.cited(4, "reactive mode and the Kubernetes Operator's autoscaler ([operator docs]"
                            + "(https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/"
                            + "custom-resource/autoscaler/), 1.x)"),
                    Cell.cited(4, "as Flink DataStream: the operator's autoscaler works on SQL jobs too"),
                    Cell.cited(1, "Structured Streaming has no streaming-aware dynamic allocation (SPARK-24815, "
                            + "[apache/spark#42352](https://github.com/apache/spark/pull/42352) closed unmerged; "
                            + "4.x); executors are sized by hand"),
                    Cell.judged(3, "consumer group: add processes up to the partition count; state moves by hand"),
                    Cell.judged(3, "as plain Java"),
                    Cell.cited(3, "add servers with the same service id, up to the partitions ([ksqlDB docs]"
                            + "(https://docs.ksqldb.io/en/latest/operate-and-deploy/capacity-planning/), 0.29)"))),
            new Criterion("Operations effort", 8, "what must run, be upgraded and watched besides the job", r -> judged(
                    Cell.judged(4, "a library in the application's JVM: no cluster; state restores from changelogs "
                            + "(measured in the limits catalogue)"),
                    Cell.judged(2, "a JobManager and TaskManagers (or the Kubernetes Operator), checkpoint storage, "
                            + "savepoints for upgrades"),
                    Cell.judged(2, "as Flink DataStream, plus SQL plans whose state may not survive a query change"),
                    Cell.judged(2, "a Spark cluster (or Kubernetes), checkpoint storage; query changes limited by "
                            + "the checkpoint"),
                    Cell.judged(3, "one process; but every operational feature (state, recovery, metrics) is "
                            + "the team's own code"),
                    Cell.judged(3, "as plain Java; Debian ships confluent-kafka 1.7.0 (librdkafka 2.0)"),
                    Cell.cited(3, "a ksqlDB server cluster over Kafka; query upgrades limited ([ksqlDB docs]"
                            + "(https://docs.ksqldb.io/en/latest/operate-and-deploy/), 0.29)"))),
            new Criterion("Connectors and ecosystem", 5, "sources and sinks besides Kafka", r -> judged(
                    Cell.judged(2, "Kafka only; other systems through Kafka Connect (ConnectIT)"),
                    Cell.cited(5, "Kafka, files, JDBC, Kinesis, Pulsar, Iceberg and more ([Flink connectors]"
                            + "(https://nightlies.apache.org/flink/flink-docs-release-2.2/docs/connectors/"
                            + "datastream/overview/), 2.2)"),
                    Cell.cited(5, "the same connectors as tables"),
                    Cell.cited(5, "files, Kafka, Delta/Iceberg tables and more ([Spark guide]"
                            + "(https://spark.apache.org/docs/4.0.0/streaming/apis-on-dataframes-and-datasets.html),"
                            + " 4.x)"),
                    Cell.judged(2, "any library the team adds, by hand"),
                    Cell.judged(3, "any Python library, by hand"),
                    Cell.cited(3, "Kafka, plus Kafka Connect embedded or alongside ([ksqlDB docs]"
                            + "(https://docs.ksqldb.io/en/latest/concepts/connectors/), 0.29)"))),
            new Criterion("Languages", 3, "which languages have a first-class API", r -> judged(
                    Cell.judged(3, "Java and other JVM languages; no Python (limits catalogue: python-path)"),
                    Cell.cited(5, "Java, Python (PyFlink), SQL ([Flink docs](https://nightlies.apache.org/flink/"
                            + "flink-docs-release-2.2/), 2.2)"),
                    Cell.cited(4, "SQL, from Java, Python or the SQL client"),
                    Cell.cited(5, "Scala, Java, Python, SQL, R ([Spark docs](https://spark.apache.org/docs/latest/), 4.x)"),
                    Cell.judged(5, "any language with a Kafka client"),
                    Cell.judged(4, "Python, the brief's second language, through librdkafka"),
                    Cell.cited(2, "SQL only, plus Java UDFs"))),
            new Criterion("Licence and managed offers", 4, "may it be run and sold as a service; who runs it for you",
                    r -> judged(
                    Cell.cited(5, "Apache 2.0; runs in the application against any Kafka: Amazon MSK, Confluent "
                            + "Cloud, Aiven for Apache Kafka ([MSK](https://aws.amazon.com/msk/), [Aiven]"
                            + "(https://aiven.io/kafka))"),
                    Cell.cited(5, "Apache 2.0; managed: Amazon Managed Service for Apache Flink, Confluent Cloud for "
                            + "Apache Flink, Aiven for Apache Flink ([AWS](https://aws.amazon.com/managed-service-"
                            + "apache-flink/))"),
                    Cell.cited(5, "as Flink DataStream (Confluent Cloud's Flink offer is SQL first)"),
                    Cell.cited(5, "Apache 2.0; managed: Databricks, Amazon EMR, Google Dataproc"),
                    Cell.cited(5, "Apache 2.0 clients (kafka-clients)"),
                    Cell.cited(5, "Apache 2.0 (confluent-kafka-python, librdkafka: BSD-2)"),
                    Cell.cited(2, "Confluent Community License: not for a competing SaaS; managed only on Confluent "
                            + "Cloud ([licence](https://www.confluent.io/confluent-community-license/), "
                            + "[ksqlDB repository](https://github.com/confluentinc/ksql))"))));

    private EngineCriteria() {
    }

    private static Map<String, Cell> judged(Cell... inColumnOrder) {
        Map<String, Cell> m = new LinkedHashMap<>();
        for (int i = 0; i < inColumnOrder.length; i++) {
            m.put(EngineGrid.COLUMNS.get(i), inColumnOrder[i]);
        }
        return m;
    }

    private static Map<String, Cell> withKsqldb(Map<String, Cell> measured) {
        Map<String, Cell> m = new LinkedHashMap<>(measured);
        m.put("ksqldb", Cell.cited(NONE, KSQLDB_NOT_RUN));
        return m;
    }

    private static Map<String, Cell> linesOfCode(EngineFigures r) {
        Map<String, Double> lines = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (String e : r.engines().keySet()) {
            int loc = r.linesOfCode(e);
            if (loc > 0) {
                lines.put(e, (double) loc);
                shown.put(e, loc + " lines");
            }
        }
        return EngineGrid.relative(lines, shown, false);
    }

    private static Map<String, Cell> correctness(EngineFigures r) {
        Map<String, Cell> m = new LinkedHashMap<>();
        for (String e : r.engines().keySet()) {
            r.row(e, TrialKind.CORRECTNESS.id()).ifPresent(row -> m.put(e, correctness(row)));
        }
        m.put("ksqldb", Cell.cited(NONE, KSQLDB_NOT_RUN));
        return m;
    }

    /** 5 when exact; else the share of windows matched, less a point for each kind of problem. */
    private static Cell correctness(Row row) {
        if (row.figure("windows_matched").isEmpty()) {
            return new Cell(EngineGrid.Basis.M, 0, "failed: " + row.facts().get("errors"));
        }
        int expected = ((Number) row.facts().get("windows_expected")).intValue();
        int letters = ((Number) row.facts().get("dead_letters_expected")).intValue();
        double matched = row.require("windows_matched").min();
        int problems = 0;
        for (String f : List.of("windows_missing", "windows_wrong", "windows_duplicated", "windows_unexpected")) {
            problems += row.require(f).max() > 0 ? 1 : 0;
        }
        problems += row.require("dead_letters_missing").max() + row.require("dead_letters_extra").max() > 0 ? 1 : 0;
        boolean exact = Boolean.TRUE.equals(row.facts().get(EngineFigures.EXACT));
        double score = exact ? 5 : Math.max(0, 5.0 * matched / Math.max(1, expected) - problems);
        return new Cell(EngineGrid.Basis.M, score, exact
                ? String.format("exact: %d/%d windows, %d/%d dead letters", (int) matched, expected, letters, letters)
                : "not exact: " + row.facts().get(EngineFigures.SUMMARY));
    }

    /** The worst of the kills: any window lost scores 0, duplicates or dead letters off 3, none 5. */
    private static Map<String, Cell> recovery(EngineFigures r) {
        Map<String, Cell> m = new LinkedHashMap<>();
        for (String e : r.engines().keySet()) {
            Optional<Row> row = r.row(e, TrialKind.RECOVERY.id()).filter(x -> x.figure("windows_missing").isPresent());
            if (row.isEmpty()) {
                continue;
            }
            Spread missing = row.get().require("windows_missing");
            int lost = (int) missing.max();
            int duplicated = (int) row.get().require("windows_duplicated").max();
            long letters = (long) (row.get().require("dead_letters_missing").max()
                    + row.get().require("dead_letters_extra").max());
            double score = lost > 0 ? 0 : duplicated > 0 || letters > 0 ? 3 : 5;
            m.put(e, new Cell(EngineGrid.Basis.M, score, String.format("%d lost, %d duplicated windows; %d dead "
                    + "letters off (worst of %d kills)", lost, duplicated, letters, missing.n())));
        }
        m.put("ksqldb", Cell.cited(NONE, KSQLDB_NOT_RUN + "; exactly-once inherited from Kafka Streams "
                + "([ksqlDB docs](https://docs.ksqldb.io/en/latest/operate-and-deploy/exactly-once-semantics/))"));
        return m;
    }
}
