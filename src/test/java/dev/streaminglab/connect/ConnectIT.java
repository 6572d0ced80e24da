package dev.streaminglab.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.pipeline.PipelineInstance;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Connect in standalone mode, as the demo runs it: the registry file into {@code devices}, aggregates and alerts
 * into PostgreSQL (upserted, exact), a poison record into Connect's dead-letter topic while the sink keeps going.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectIT {
    private static final long T0 = 1_764_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static ConnectTestEnv env;

    @BeforeAll
    static void start() throws IOException {
        env = new ConnectTestEnv("it-connect");
        List<ConnectRest.Status> statuses = env.stack.start(ConnectWorker.Mode.STANDALONE, 1, ConnectTestEnv.START);
        assertThat(statuses).extracting(ConnectRest.Status::name).containsExactly(ConnectorFiles.AGGREGATES_SINK,
                ConnectorFiles.ALERTS_SINK, ConnectorFiles.REGISTRY_SOURCE);
    }

    @AfterAll
    static void stop() {
        env.close();
        assertThat(env.stack.connect().running()).isEmpty();
        assertThat(env.stack.postgres().isRunning()).isFalse();
    }

    @Test
    @Order(1)
    void registryFileBecomesTheDevicesTopicWithExactFields() {
        Await.until(ConnectTestEnv.DEADLINE, () -> "55 devices in the topic",
                () -> env.readAll(TopicNames.DEVICES).size() >= 55);
        Map<String, Device> topic = latest(env.readAll(TopicNames.DEVICES));
        assertThat(topic).hasSize(55);
        assertThat(topic.get("mote-1")).isEqualTo(new Device("mote-1", "site-2", "site-2-south", "mica2dot", 21.5, 23,
                15, 28, 60));
        assertThat(topic.get("airquality-1")).isEqualTo(new Device("airquality-1", "uci-air-quality", "roadside",
                "multisensor-gas", 0, 0, -5, 40, 90));
        assertThat(topic.values().stream().filter(d -> d.site().equals("site-1")).count()).isEqualTo(19);
    }

    @Test
    @Order(2)
    void anEditedRowIsOneUpdateARemovedRowATombstoneABadRowADeadLetterAndEnrichmentUsesItWithoutRestart()
            throws IOException {
        // The pipeline runs throughout: the edited row must reach enrichment through the global table alone.
        PipelineOptions options = PipelineOptions.defaults().withApplicationId("connect-enrichment")
                .withStages(EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT)).withGuarantee(Guarantee.AT_LEAST_ONCE)
                .withInstance("1", Files.createTempDirectory("connect-enrichment"), 0);
        try (PipelineInstance pipeline = PipelineInstance.start(env.kafka, options)) {
            pipeline.awaitRunning(ConnectTestEnv.DEADLINE).awaitRegistry(List.of("mote-1"), ConnectTestEnv.DEADLINE);
            assertThat(enrichedMaxTemperature(1)).isEqualTo(28.0);
            editRegistry();
            assertThat(enrichedMaxTemperature(2)).isEqualTo(31.5);
        }
    }

    /** Sends mote-1 reading number {@code seq} through the running pipeline; returns the tempMaxC it was enriched with. */
    private static double enrichedMaxTemperature(long seq) {
        env.produce(TopicNames.TELEMETRY_RAW, Map.of("mote-1", new Reading("mote-1", System.currentTimeMillis(), 21.0,
                45.0, null, null, seq)));
        List<EnrichedReading> found = new ArrayList<>();
        Await.until(ConnectTestEnv.DEADLINE, () -> "mote-1 reading " + seq + " enriched", () -> {
            env.readAll(TopicNames.TELEMETRY_ENRICHED).stream()
                    .map(r -> EnrichedReading.SERDE.deserializer().deserialize(r.topic(),
                            r.value().getBytes(StandardCharsets.UTF_8)))
                    .filter(e -> e.deviceId().equals("mote-1") && e.seq() == seq).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0).tempMaxC();
    }

    private static void editRegistry() throws IOException {
        int before = env.readAll(TopicNames.DEVICES).size();
        List<String> lines = new ArrayList<>(Files.readAllLines(env.registryFile));
        lines.replaceAll(l -> l.startsWith("mote-1,") ? "mote-1,site-2,site-2-south,mica2dot,21.5,23,15,31.5,60" : l);
        lines.removeIf(l -> l.startsWith("airquality-1,"));
        lines.add("mote-99,site-1,site-1-north,mica2dot,not-a-number,1,15,28,60");
        Files.write(env.registryFile, lines);

        Await.until(ConnectTestEnv.DEADLINE, () -> "2 more records in devices",
                () -> env.readAll(TopicNames.DEVICES).size() >= before + 2);
        List<ConsumerRecord<String, String>> added = env.readAll(TopicNames.DEVICES).subList(before, before + 2);
        assertThat(added).extracting(ConsumerRecord::key).containsExactly("mote-1", "airquality-1");
        assertThat(Json.MAPPER.readValue(added.get(0).value(), Device.class).tempMaxC()).isEqualTo(31.5);
        assertThat(added.get(1).value()).isNull();

        Await.until(ConnectTestEnv.DEADLINE, () -> "the bad row in connect.dlq",
                () -> !env.readAll(TopicNames.CONNECT_DLQ).isEmpty());
        ConsumerRecord<String, String> dead = env.readAll(TopicNames.CONNECT_DLQ).get(0);
        // The source's value converter is JSON, so the row travels as a JSON string.
        assertThat(Json.MAPPER.readValue(dead.value(), String.class))
                .isEqualTo("mote-99,site-1,site-1-north,mica2dot,not-a-number,1,15,28,60");
        assertThat(HeaderText.get(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("BAD_REGISTRY_ROW");
        assertThat(HeaderText.get(dead.headers(), DeadLetterHeaders.SOURCE_LINE)).isEqualTo("56");
        assertThat(HeaderText.get(dead.headers(), DeadLetterHeaders.DETAIL)).endsWith("field 'x' should be a number, found 'not-a-number'");
    }

    @Test
    @Order(3)
    void aggregatesAndAlertsBecomeRowsEqualToTheTopicsFinalValues() {
        Map<String, Object> device = new LinkedHashMap<>();
        for (int d = 1; d <= 6; d++) {
            for (int w = 0; w < 5; w++) {
                long start = T0 + w * MINUTE;
                device.put("mote-" + d + "@" + w, new WindowStats("mote-" + d, start, start + MINUTE, 10 + d + w,
                        15 + d * 0.25, 20 + w * 0.5, 17.5 + d * 0.125, 40 + w));
            }
        }
        env.produce(TopicNames.AGGREGATES_DEVICE_1M_FINAL, device);
        // Emit-on-update: four updates per site window, the last one is what the row must hold.
        for (int update = 1; update <= 4; update++) {
            Map<String, Object> site = new LinkedHashMap<>();
            for (int s = 1; s <= 3; s++) {
                for (int w = 0; w < 5; w++) {
                    long start = T0 + w * MINUTE;
                    site.put("site-" + s + "@" + w, new WindowStats("site-" + s, start, start + MINUTE, update * 5L,
                            14 + s, 20 + update, 17 + update * 0.5, 45.5));
                }
            }
            env.produce(TopicNames.AGGREGATES_SITE_1M, site);
        }
        Map<String, Object> alerts = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            alerts.put("mote-" + i, new Alert("mote-" + i, "site-1", Alert.Type.TEMPERATURE_HIGH, Alert.Severity.WARNING,
                    T0 + i * 1000, 29.5 + i, "above 28.0 °C for 3 readings"));
        }
        env.produce(TopicNames.ALERTS, alerts);

        Await.until(ConnectTestEnv.DEADLINE, () -> "30 + 15 + 10 rows", () -> env.count("device_stats_1m") == 30
                && env.count("site_stats_1m") == 15 && env.count("alerts") == 10
                && env.query("select count(*) as n from site_stats_1m where count = 20").get(0).get("n").equals(15L));

        assertThat(rows("device_stats_1m")).isEqualTo(finalValues(TopicNames.AGGREGATES_DEVICE_1M_FINAL));
        assertThat(rows("site_stats_1m")).isEqualTo(finalValues(TopicNames.AGGREGATES_SITE_1M));
        List<Alert> alertRows = env.query("select * from alerts order by deviceid").stream().map(r -> new Alert(
                (String) r.get("deviceid"), (String) r.get("site"), Alert.Type.valueOf((String) r.get("type")),
                Alert.Severity.valueOf((String) r.get("severity")), epochMillis(r.get("eventtime")),
                (Double) r.get("value"), (String) r.get("message"))).toList();
        assertThat(alertRows).containsExactlyElementsOf(alerts.values().stream().map(Alert.class::cast).toList());
    }

    @Test
    @Order(4)
    void aPoisonRecordLandsInTheDeadLetterTopicAndTheSinkKeepsRunning() {
        int dlqBefore = env.readAll(TopicNames.CONNECT_DLQ).size();
        env.produce(TopicNames.AGGREGATES_DEVICE_1M_FINAL, Map.of("poison-1", "{not json"));
        env.produce(TopicNames.AGGREGATES_DEVICE_1M_FINAL, Map.of("poison-2", "{\"key\":\"mote-1\",\"windowStart\":1}"));
        WindowStats after = new WindowStats("mote-7", T0, T0 + MINUTE, 3, 20, 21, 20.5, 50);
        env.produce(TopicNames.AGGREGATES_DEVICE_1M_FINAL, Map.of("mote-7", after));

        Await.until(ConnectTestEnv.DEADLINE, () -> "two dead letters",
                () -> env.readAll(TopicNames.CONNECT_DLQ).size() >= dlqBefore + 2);
        List<ConsumerRecord<String, String>> dead = env.readAll(TopicNames.CONNECT_DLQ).subList(dlqBefore, dlqBefore + 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison-1", "poison-2");
        ConsumerRecord<String, String> notJson = dead.stream().filter(r -> r.key().equals("poison-1")).findFirst().orElseThrow();
        assertThat(notJson.value()).isEqualTo("{not json");
        assertThat(HeaderText.get(notJson.headers(), DeadLetterHeaders.CONNECT_ORIGINAL_TOPIC)).isEqualTo(TopicNames.AGGREGATES_DEVICE_1M_FINAL);
        assertThat(HeaderText.get(notJson.headers(), DeadLetterHeaders.CONNECT_EXCEPTION_CLASS))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
        ConsumerRecord<String, String> missing = dead.stream().filter(r -> r.key().equals("poison-2")).findFirst().orElseThrow();
        assertThat(HeaderText.get(missing.headers(), DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE)).isEqualTo("field 'windowEnd' of WindowStats is missing");

        Await.until(ConnectTestEnv.DEADLINE, () -> "the good record after the poison", () -> env.count("device_stats_1m") == 31);
        assertThat(env.stack.connect().rest().status(ConnectorFiles.AGGREGATES_SINK).running()).isTrue();
    }

    @Test
    @Order(5)
    void sinkThroughput() {
        int rows = 10_000;
        Map<String, Object> load = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            long start = T0 + (100 + i) * MINUTE;
            load.put("bench-" + (i % 50) + "@" + i, new WindowStats("bench-" + (i % 50), start, start + MINUTE, i, 1, 2, 1.5, 40));
        }
        long before = env.count("device_stats_1m");
        long t0 = System.nanoTime();
        env.produce(TopicNames.AGGREGATES_DEVICE_1M_FINAL, load);
        Await.until(ConnectTestEnv.DEADLINE, () -> rows + " rows", () -> env.count("device_stats_1m") == before + rows);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("sink throughput: %d rows in %.1f s = %.0f rows/s (produce included, 1 standalone worker, "
                + "2 tasks, 3 partitions)%n", rows, seconds, rows / seconds);
    }

    private static Map<String, Device> latest(List<ConsumerRecord<String, String>> records) {
        Map<String, Device> m = new LinkedHashMap<>();
        for (var r : records) {
            if (r.value() == null) {
                m.remove(r.key());
            } else {
                m.put(r.key(), Device.SERDE.deserializer().deserialize(TopicNames.DEVICES, r.value().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return m;
    }

    /** The topic's last value per window key, as the upsert must leave the table. */
    private static Map<String, WindowStats> finalValues(String topic) {
        Map<String, WindowStats> m = new TreeMap<>();
        for (var r : env.readAll(topic)) {
            WindowStats s = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(parse(r.value())), WindowStats.class);
            m.put(s.key() + "@" + s.windowStart(), s);
        }
        return m;
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, WindowStats> rows(String table) {
        Map<String, WindowStats> m = new TreeMap<>();
        for (var r : env.query("select * from " + table)) {
            WindowStats s = new WindowStats((String) r.get("key"), epochMillis(r.get("windowstart")),
                    epochMillis(r.get("windowend")), (Long) r.get("count"), (Double) r.get("temperaturemin"),
                    (Double) r.get("temperaturemax"), (Double) r.get("temperatureavg"), (Double) r.get("humidityavg"));
            m.put(s.key() + "@" + s.windowStart(), s);
        }
        return m;
    }

    static long epochMillis(Object timestamp) {
        if (timestamp instanceof Timestamp ts) {
            return ts.getTime();
        }
        return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }
}
