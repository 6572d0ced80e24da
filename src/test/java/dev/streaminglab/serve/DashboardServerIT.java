package dev.streaminglab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP side against a real cluster: the event stream and its error answers. */
class DashboardServerIT {
    private static KafkaConnection kafka;
    private static Dashboard dashboard;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        kafka = SharedCluster.connection();
        try (var admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "no-pipeline");
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    @Test
    void anAggregateWrittenToKafkaArrivesOnTheEventStreamAsItIs() throws Exception {
        WindowStats stats = new WindowStats("site-server-it", 1_700_000_040_000L, 1_700_000_100_000L, 4, 20.5, 23.5, 22.0, 41.25);
        var response = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), WindowStats.SERDE.serializer());
                var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            producer.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, stats.key(), stats)).get();
            CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
                String event = null;
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event: ")) {
                            event = line.substring(7);
                        } else if (line.startsWith("data: ") && "aggregate".equals(event) && line.contains("site-server-it")) {
                            return line.substring(6);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            var point = Json.MAPPER.readTree(data.get(20, TimeUnit.SECONDS));
            assertThat(point.get("scope").asText()).isEqualTo("site");
            assertThat(Json.MAPPER.treeToValue(point.get("stats"), WindowStats.class)).isEqualTo(stats);
            assertThat(point.get("writtenAt").asLong()).isPositive();
        }
    }

    @Test
    void anUnknownParameterIsA400ThatSaysWhatIsAllowed() throws Exception {
        var r = get("events?from=yesterday");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("unknown parameter 'from': allowed are device");
    }

    @Test
    void aMalformedDeviceIdIsA400() throws Exception {
        var r = get("events?device=" + "%3Cscript%3E");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("device must be 1 to 64 letters, digits, '.', '_' or '-', got '<script>'");
    }

    @Test
    void thePageAndItsChartLibraryAreServedLocally() throws Exception {
        assertThat(get("").body()).contains("<script src=\"/uplot.js\"></script>");
        var lib = get("uplot.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.body()).contains("uPlot");
        assertThat(get("nope").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
