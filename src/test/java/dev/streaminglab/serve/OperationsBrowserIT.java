package dev.streaminglab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.monitor.ShortLivedTlsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations view in a real headless Chromium, fed by the real cluster: a consumer group's exact lag, the
 * broker and partition health, a watched certificate's expiry, the same figures on {@code /metrics} for
 * Prometheus, and the Kafka-to-page latency measured on the server's clock although the browser's clock is set an
 * hour ahead (the old figure, the browser's clock minus the broker's, would read 3,600,000 ms).
 */
class OperationsBrowserIT {
    static final Path SCREENSHOT = Path.of("target", "operations.png");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long SKEW_MS = 3_600_000;
    private static KafkaConnection kafka;
    private static ShortLivedTlsServer tls;
    private static Dashboard dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedCluster.connection();
        try (var admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        tls = ShortLivedTlsServer.start(10, Path.of("target", "operations-it"));
        dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "no-pipeline",
                new OperationsProbe.Settings(null, List.of(tls.endpoint())));
        browser = Browser.start();
        // Every page this browser opens runs with its clock an hour ahead of the machine's.
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Date.now = ((now) => () => now() + " + SKEW_MS + ")(Date.now);"));
    }

    @AfterAll
    static void stop() {
        browser.quit();
        dashboard.close();
        tls.close();
    }

    @Test
    void showsExactLagHealthAndCertificatesAndMeasuresLatencyOnTheServersClock() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "ops-lag-" + run;
        String group = "ops-group-" + run;
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of(topic, 3));
            // A consumer that read nothing yet: committed offset 0 on every partition, so lag = records written.
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                zero.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
            }
            KafkaFutures.await(admin.alterConsumerGroupOffsets(group, zero).all(), "committing offsets 0");
        }
        browser.get(dashboard.operationsUrl());
        produce(topic, 250);

        WebElement row = new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector(
                "#groups tr[data-group='" + group + "'][data-topic='" + topic + "'][data-lag='250']")).stream()
                .findFirst().orElse(null));
        assertThat(row.getText()).contains(group, topic, "250");
        produce(topic, 50);
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector(
                "#groups tr[data-group='" + group + "'][data-lag='300']")).isEmpty());

        assertThat(browser.findElement(By.id("ops-brokers")).getDomAttribute("data-count")).isEqualTo("1");
        WebElement partitions = browser.findElement(By.id("ops-partitions"));
        assertThat(partitions.getDomAttribute("data-under-replicated")).isEqualTo("0");
        assertThat(partitions.getDomAttribute("data-offline")).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("#certificates tr[data-endpoint='" + tls.endpoint() + "']"))
                .getText()).contains("CN=short-lived.streaminglab.test").containsPattern("(9|10)\\.\\d days");

        // Aggregates written now reach the page; its latency tile must read milliseconds, not the hour of skew.
        for (int i = 0; i < 5; i++) {
            WindowStats s = new WindowStats("site-" + run, 60_000L * i, 60_000L * (i + 1), 1, 20, 20, 20, 40);
            try (var p = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, s.key(), Json.text(s))).get();
            }
        }
        WebElement latency = new WebDriverWait(browser, WAIT).until(d -> {
            WebElement e = d.findElement(By.id("kpi-latency"));
            String n = e.getDomAttribute("data-n");
            return n != null && Integer.parseInt(n) >= 5 ? e : null;
        });
        long offset = Long.parseLong(latency.getDomAttribute("data-clock-offset"));
        long p50 = Long.parseLong(latency.getDomAttribute("data-p50"));
        System.out.printf("operations view: Kafka -> page p50 %d ms, max %s ms, server -> page p50 %s ms, "
                + "clock offset %d ms, round trip %s ms%n", p50, latency.getDomAttribute("data-max"),
                latency.getDomAttribute("data-server-to-page-p50"), offset, latency.getDomAttribute("data-rtt"));
        assertThat(offset).isBetween(-SKEW_MS - 1000, -SKEW_MS + 1000);
        assertThat(p50).isBetween(0L, 10_000L);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + "metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(sample(metrics, "streaminglab_consumer_group_lag_records", "group=\"" + group + "\"")).isEqualTo("300");
        assertThat(sample(metrics, "streaminglab_tls_certificate_not_after_timestamp_seconds",
                "endpoint=\"" + tls.endpoint() + "\"")).isEqualTo(Long.toString(tls.certificate().getNotAfter().getTime() / 1000));
        assertThat(sample(metrics, "streaminglab_brokers", "")).isEqualTo("1");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void produce(String topic, int n) throws Exception {
        try (var p = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            p.flush();
        }
    }

    /** The value of the first series of {@code metric} whose labels contain {@code label}. */
    static String sample(String text, String metric, String label) {
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                return m.group(2);
            }
        }
        return "(no series of " + metric + " with " + label + ")";
    }
}
