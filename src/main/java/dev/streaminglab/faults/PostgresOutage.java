package dev.streaminglab.faults;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.connect.ConnectRest;
import dev.streaminglab.connect.ConnectStack;
import dev.streaminglab.connect.ConnectWorker;
import dev.streaminglab.connect.ConnectorFiles;
import dev.streaminglab.connect.LocalConnect;
import dev.streaminglab.connect.LocalPostgres;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * PostgreSQL down, then back, under the JDBC sink: window statistics flow to {@code device_stats_1m}; once
 * {@value #STOP_AT_ROWS} rows are in, PostgreSQL stops (fast shutdown) for {@value #DOWN_S} s while the rest is
 * written to Kafka. Observed: the sink task's state during the outage (the Debezium sink retries its flush a few
 * times, then fails the task), whether a restart was needed once PostgreSQL was back (the ConnectTaskFailed
 * alert's action), and the table at the end: every window once, none twice (upsert on key and window start),
 * nothing sent to the dead-letter topic.
 */
public final class PostgresOutage {
    public static final String NAME = "postgres-outage";
    static final int ROWS = 6_000;
    static final int STOP_AT_ROWS = 1_500;
    static final long DOWN_S = 30;
    static final double PER_SECOND = 600;
    private static final long T0 = 1_764_000_000_000L;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private PostgresOutage() {
    }

    public static Row run(Path work, int port) throws Exception {
        LocalCluster cluster = new LocalCluster(1, port, work.resolve("cluster"));
        cluster.stop(true);
        ClusterState state = cluster.start(Duration.ofMinutes(2));
        KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
        LocalPostgres postgres = new LocalPostgres(port + 450, work.resolve("postgres"));
        ConnectStack stack = new ConnectStack(new LocalConnect(work.resolve("connect"), port + 400, kafka), postgres,
                ConnectorFiles.registryFile());
        stack.stop(true);
        try {
            try (Admin admin = kafka.admin()) {
                Topics.ensureAll(admin, TopicSet.STANDARD.specs());
            }
            stack.start(ConnectWorker.Mode.STANDALONE, 1, LocalConnect.DEFAULT_START_TIMEOUT);
            return measure(kafka, stack);
        } finally {
            stack.stop(true);
            cluster.stop(true);
        }
    }

    private static Row measure(KafkaConnection kafka, ConnectStack stack) throws Exception {
        ConnectRest rest = stack.connect().rest();
        long dlqBefore = TopicReader.endOffsetSum(kafka, TopicNames.CONNECT_DLQ);
        Thread producer = new Thread(() -> produce(kafka), "outage-producer");
        producer.start();
        Await.until(WAIT, STOP_AT_ROWS + " rows before the outage", () -> rows(stack.postgres()) >= STOP_AT_ROWS);
        long rowsAtStop = rows(stack.postgres());
        long down = System.nanoTime();
        stack.postgres().stop(false);
        String worst = "RUNNING";
        long failedAfterMs = -1;
        while (System.nanoTime() - down < Duration.ofSeconds(DOWN_S).toNanos()) {
            String task = rest.status(ConnectorFiles.AGGREGATES_SINK).tasks().stream().map(ConnectRest.TaskState::state)
                    .filter(s -> !s.equals("RUNNING")).findFirst().orElse("RUNNING");
            if (task.equals("FAILED") && failedAfterMs < 0) {
                failedAfterMs = (System.nanoTime() - down) / 1_000_000;
                worst = task;
            }
            // Polled once a second for the outage's length: the outage is the experiment, not a wait for a state.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        producer.join();
        stack.postgres().start();
        long back = System.nanoTime();
        AtomicInteger restarts = new AtomicInteger();
        // What an operator does on ConnectTaskFailed once the database is back: restart the failed task.
        Await.until(WAIT, () -> ROWS + " rows after the outage (" + rowsOrZero(stack.postgres()) + " so far)", () -> {
            if (rest.status(ConnectorFiles.AGGREGATES_SINK).tasks().stream().anyMatch(t -> t.state().equals("FAILED"))) {
                rest.restart(ConnectorFiles.AGGREGATES_SINK);
                restarts.incrementAndGet();
            }
            return rowsOrZero(stack.postgres()) >= ROWS;
        });
        long caughtUpMs = (System.nanoTime() - back) / 1_000_000;
        long total;
        long distinct;
        long countSum;
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*), count(distinct (key, windowstart)), sum(count) from device_stats_1m")) {
            r.next();
            total = r.getLong(1);
            distinct = r.getLong(2);
            countSum = r.getLong(3);
        }
        return Row.of("faults", NAME, "jdbc sink, upsert").param("rows", ROWS).param("stopAtRows", STOP_AT_ROWS)
                .param("downSeconds", DOWN_S)
                .fact("rowsAtStop", rowsAtStop).fact("taskStateDuringOutage", worst).fact("taskFailedAfterMs", failedAfterMs)
                .fact("restartsNeeded", restarts.get()).fact("caughtUpAfterBackMs", caughtUpMs)
                .fact("rows", total).fact("distinctWindows", distinct)
                .fact("countSum", countSum).fact("expectedCountSum", (long) ROWS * (ROWS - 1) / 2)
                .fact("deadLetters", TopicReader.endOffsetSum(kafka, TopicNames.CONNECT_DLQ) - dlqBefore);
    }

    /** Windows numbered 0..ROWS-1 (count = number, so the sum of counts proves each is there once). */
    private static void produce(KafkaConnection kafka) {
        long every = (long) (TimeUnit.SECONDS.toNanos(1) / PER_SECOND);
        long start = System.nanoTime();
        try (var p = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < ROWS; i++) {
                long due = start + i * every - System.nanoTime();
                if (due > 0) {
                    LockSupport.parkNanos(due);
                }
                long windowStart = T0 + i * 60_000L;
                WindowStats s = new WindowStats("mote-" + (i % 54 + 1), windowStart, windowStart + 60_000, i, 10, 30, 20, 45);
                p.send(new ProducerRecord<>(TopicNames.AGGREGATES_DEVICE_1M_FINAL, s.key(), Json.text(s)));
            }
            p.flush();
        }
    }

    private static long rows(LocalPostgres pg) {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from device_stats_1m")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new LabException("cannot count rows: " + e.getMessage(), e);
        }
    }

    private static long rowsOrZero(LocalPostgres pg) {
        try {
            return rows(pg);
        } catch (LabException down) {
            return 0;
        }
    }
}
