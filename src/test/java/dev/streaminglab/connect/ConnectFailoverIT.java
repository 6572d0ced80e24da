package dev.streaminglab.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Distributed mode: two workers share the sink's tasks; one is killed (SIGKILL, no offset commit) while records
 * flow. Its tasks move to the survivor, which re-reads from the last committed offsets: the upsert on the window
 * key turns that re-reading into rewrites, so PostgreSQL ends with every row exactly once.
 */
@Tag("long")
class ConnectFailoverIT {
    private static final int ROWS = 6_000;
    private static final int KILL_AFTER_ROWS = 1_500;
    private static final long T0 = 1_764_000_000_000L;
    private static ConnectTestEnv env;

    @BeforeAll
    static void start() throws IOException {
        env = new ConnectTestEnv("it-connect-failover");
        env.stack.start(ConnectWorker.Mode.DISTRIBUTED, 2, ConnectTestEnv.START);
    }

    @AfterAll
    static void stop() {
        env.close();
        assertThat(env.stack.connect().running()).isEmpty();
    }

    @Test
    void killingAWorkerMidRunMovesItsTasksAndLosesOrDuplicatesNoRow() throws Exception {
        ConnectRest.Status before = ConnectStack.awaitRunning(env.stack.connect().worker(1).rest(),
                ConnectorFiles.AGGREGATES_SINK, ConnectTestEnv.DEADLINE);
        // The worker running the sink's first task is the one to die.
        String victimId = before.tasks().get(0).workerId();
        ConnectWorker victim = env.stack.connect().running().stream()
                .filter(w -> w.restUrl().endsWith(victimId.substring(victimId.lastIndexOf(':')))).findFirst().orElseThrow();
        ConnectWorker survivor = env.stack.connect().running().stream().filter(w -> w.id() != victim.id())
                .findFirst().orElseThrow();

        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (var p = new KafkaProducer<>(env.kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < ROWS; i++) {
                    long start = T0 + i * 60_000L;
                    WindowStats s = new WindowStats("mote-" + (i % 54 + 1), start, start + 60_000, i, 10, 30, 20, 45);
                    p.send(new ProducerRecord<>(TopicNames.AGGREGATES_DEVICE_1M_FINAL, s.key(), Json.text(s)));
                    if (i % 500 == 499) {
                        p.flush();
                        // Spread the load over a few seconds so that the kill falls in the middle of it.
                        Thread.sleep(300);
                    }
                }
            } catch (Exception e) {
                producerFailure.set(e);
            }
        }, "failover-producer");
        producer.start();

        Await.until(ConnectTestEnv.DEADLINE, () -> KILL_AFTER_ROWS + " rows before the kill",
                () -> env.count("device_stats_1m") >= KILL_AFTER_ROWS);
        long atKill = env.count("device_stats_1m");
        victim.kill();
        producer.join();
        assertThat(producerFailure.get()).isNull();

        ConnectRest rest = survivor.rest();
        Await.until(ConnectTestEnv.DEADLINE, () -> "every sink task running on the survivor", () -> {
            ConnectRest.Status s = rest.status(ConnectorFiles.AGGREGATES_SINK);
            return s.running() && s.tasks().stream().allMatch(t -> t.workerId().equals(survivorId(s, victimId)));
        });
        Await.until(ConnectTestEnv.DEADLINE, () -> ROWS + " rows", () -> env.count("device_stats_1m") == ROWS);

        assertThat(atKill).isLessThan(ROWS);
        Map<String, Object> totals = env.query("select count(*) as n, count(distinct (key, windowstart)) as keys, "
                + "sum(count) as total from device_stats_1m").get(0);
        assertThat(totals.get("n")).isEqualTo((long) ROWS);
        assertThat(totals.get("keys")).isEqualTo((long) ROWS);
        assertThat(((Number) totals.get("total")).longValue()).isEqualTo((long) ROWS * (ROWS - 1) / 2);
        List<Map<String, Object>> firstAndLast = env.query("select key, count from device_stats_1m "
                + "where count in (0, " + (ROWS - 1) + ") order by count");
        assertThat(firstAndLast).extracting(r -> r.get("key")).containsExactly("mote-1", "mote-" + ((ROWS - 1) % 54 + 1));
    }

    private static String survivorId(ConnectRest.Status s, String victimId) {
        return s.tasks().stream().map(ConnectRest.TaskState::workerId).filter(w -> !w.equals(victimId)).findFirst()
                .orElse("none");
    }
}
