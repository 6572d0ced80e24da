package dev.streaminglab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.LateHeaders;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.pipeline.PipelineInstance;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two pipeline instances share the work; each answers queries for every key, from its own stores or by
 * forwarding to the owner, and the answers equal the last values on the aggregate topics.
 * <p>
 * The instances start at the topics' end ({@code auto.offset.reset=latest}) under a fresh application id, so
 * the shared cluster's older records (other tests, notebooks) neither slow them down nor move stream time.
 */
class InteractiveQueriesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = TopicSet.PARTITIONS;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoInstancesAnswerEveryKeyWithTheTopicsValues() throws Exception {
        KafkaConnection kafka = SharedCluster.connection();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Device> devices = devicesOnEveryPartition("iq" + run);
        String site = devices.get(0).site();
        try (var admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            devices.forEach(d -> producer.send(new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.bytes(d))));
            producer.flush();

            Path state = Files.createTempDirectory("iq-state");
            PipelineOptions base = PipelineOptions.defaults().withApplicationId("iq-" + run)
                    .withStages(EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.AGGREGATES))
                    .withGuarantee(Guarantee.AT_LEAST_ONCE)
                    .withOverride(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (PipelineInstance a = PipelineInstance.start(kafka, base.withInstance("a", state.resolve("a"), freePort()));
                 PipelineInstance b = PipelineInstance.start(kafka, base.withInstance("b", state.resolve("b"), freePort()))) {
                List<String> ids = devices.stream().map(Device::deviceId).toList();
                for (PipelineInstance p : List.of(a, b)) {
                    p.awaitRunning(WAIT).awaitRegistry(ids, WAIT);
                }
                Await.until(WAIT, () -> "both instances in the metadata",
                        () -> a.streams().metadataForAllStreamsClients().size() == 2
                                && a.streams().state().name().equals("RUNNING")
                                && b.streams().state().name().equals("RUNNING"));

                Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(4));
                for (int step = 0; step < 24; step++) {
                    for (int i = 0; i < devices.size(); i++) {
                        Reading r = new Reading(ids.get(i), start.toEpochMilli() + step * 10_000L,
                                20.0 + i + step * 0.25, 40.0 + step, null, null, (long) step);
                        producer.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.deviceId(), Json.bytes(r)));
                    }
                }
                producer.flush();

                long lastWindow = start.plus(Duration.ofMinutes(3)).toEpochMilli();
                Set<String> servedBy = new HashSet<>();
                Await.until(WAIT,
                        () -> "queries equal to " + TopicNames.AGGREGATES_DEVICE_1M + " for " + ids + "; "
                                + describe(kafka, ids, lastWindow, a, b), () -> {
                    Map<String, WindowStats> topic = latestPerWindow(kafka, TopicNames.AGGREGATES_DEVICE_1M);
                    for (String id : ids) {
                        WindowStats expected = topic.get(id + "@" + lastWindow);
                        if (expected == null || expected.count() != 6) {
                            return false;
                        }
                        for (PipelineInstance p : List.of(a, b)) {
                            HttpResponse<String> resp = get(p, "/devices/" + id + "/latest");
                            if (resp.statusCode() != 200 || !expected.equals(parse(resp.body(), WindowStats.class))) {
                                return false;
                            }
                            servedBy.add(p.queryUri().orElseThrow().getAuthority() + "->"
                                    + resp.headers().firstValue(QueryServer.SERVED_BY).orElseThrow());
                        }
                    }
                    return true;
                });
                assertThat(servedBy.stream().filter(s -> !s.split("->")[0].equals(s.split("->")[1])))
                        .as("some answers were forwarded to the other instance: %s", servedBy).isNotEmpty();

                // After the repartition by site, readings of a burst from three upstream tasks interleave out of
                // order, so some arrive too late for their site window: each reading must be in a window or in
                // telemetry.late, and the query must show exactly what the topic shows.
                int siteReadings = 3 * 24;
                String range = "?from=" + start + "&to=" + start.plus(Duration.ofMinutes(3)).toEpochMilli();
                Await.until(WAIT, () -> "site windows + late = " + siteReadings, () -> {
                    Map<String, WindowStats> siteTopic = latestPerWindow(kafka, TopicNames.AGGREGATES_SITE_1M);
                    List<WindowStats> expectedSite = siteTopic.values().stream().filter(w -> w.key().equals(site))
                            .toList();
                    long counted = expectedSite.stream().mapToLong(WindowStats::count).sum();
                    if (counted + lateForSite(kafka, site) != siteReadings) {
                        return false;
                    }
                    for (PipelineInstance p : List.of(a, b)) {
                        HttpResponse<String> resp = get(p, "/sites/" + site + "/windows" + range);
                        if (resp.statusCode() != 200
                                || !parse(resp.body(), new TypeReference<List<WindowStats>>() { }).equals(expectedSite)) {
                            return false;
                        }
                    }
                    return true;
                });

                assertThat(get(a, "/sites/" + site + "/windows?from=yesterday")).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.body()).contains("'from' must be an ISO-8601 instant");
                });
                assertThat(get(a, "/sites/" + site + "/windows?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .statusCode()).isEqualTo(400);
                assertThat(get(a, "/sites/" + site + "/windows?limit=3").statusCode()).isEqualTo(400);
                assertThat(get(a, "/nowhere").statusCode()).isEqualTo(404);
            }
        }
    }

    private String describe(KafkaConnection kafka, List<String> ids, long window, PipelineInstance... instances) {
        Map<String, WindowStats> topic = latestPerWindow(kafka, TopicNames.AGGREGATES_DEVICE_1M);
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            sb.append("\n").append(id).append(": topic ").append(topic.get(id + "@" + window));
            for (PipelineInstance p : instances) {
                HttpResponse<String> r = get(p, "/devices/" + id + "/latest");
                sb.append(", ").append(p.queryUri().orElseThrow().getPort()).append(" -> ").append(r.statusCode())
                        .append(' ').append(r.body());
            }
        }
        return sb.toString();
    }

    private static long lateForSite(KafkaConnection kafka, String site) {
        long n = 0;
        try (var consumer = new KafkaConsumer<>(kafka.consumerProperties(null), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(TopicNames.LATE).stream()
                    .map(p -> new TopicPartition(TopicNames.LATE, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (site.equals(r.key()) && LateHeaders.SITE_1M.equals(HeaderText.get(r.headers(), LateHeaders.AGGREGATE))) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Six devices, two per partition of the telemetry topics, so both instances own some of them. */
    private static List<Device> devicesOnEveryPartition(String prefix) {
        List<Device> devices = new ArrayList<>();
        int[] perPartition = new int[PARTITIONS];
        for (int n = 0; devices.size() < 2 * PARTITIONS; n++) {
            String id = prefix + "-" + n;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (perPartition[partition] < 2) {
                perPartition[partition]++;
                String site = prefix + (devices.size() % 2 == 0 ? "-north" : "-south");
                devices.add(new Device(id, site, "room", "mica2dot", 0, 0, 10, 30, 70));
            }
        }
        return devices;
    }

    private static Map<String, WindowStats> latestPerWindow(KafkaConnection kafka, String topic) {
        Map<String, WindowStats> m = new TreeMap<>();
        var props = kafka.consumerProperties(null);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    WindowStats s = parse(r.value(), WindowStats.class);
                    m.put(s.key() + "@" + s.windowStart(), s);
                });
            }
        }
        return m;
    }

    private HttpResponse<String> get(PipelineInstance p, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(p.queryUri().orElseThrow() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
