package dev.streaminglab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.pipeline.PipelineInstance;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless Chromium, fed by a real cluster. */
class DashboardBrowserIT {
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static KafkaConnection kafka;
    private static Dashboard dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedCluster.connection();
        try (var admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "no-pipeline");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        browser.quit();
        dashboard.close();
    }

    @Test
    void showsTheAggregatesOfKnownReadingsExactlyAndAnAlertWithinTwoSeconds() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String site = "site-" + run;
        List<Device> devices = List.of(new Device("a-" + run, site, "north", "mica2dot", 1, 1, 0, 35, 90),
                new Device("b-" + run, site, "south", "mica2dot", 2, 2, 0, 35, 90));
        // A fresh application id reading from the topics' end: older records on the shared cluster neither
        // slow the pipeline down nor move its stream time.
        PipelineOptions options = PipelineOptions.defaults().withApplicationId("dashboard-" + run)
                .withGuarantee(Guarantee.AT_LEAST_ONCE)
                .withInstance("1", Files.createTempDirectory("dashboard-state"), 0)
                .withOverride(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        browser.get(dashboard.url());
        try (var raw = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ByteArraySerializer());
                var alerts = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), Alert.SERDE.serializer());
                PipelineInstance pipeline = PipelineInstance.start(kafka, options)) {
            devices.forEach(d -> raw.send(new ProducerRecord<>(TopicNames.DEVICES, d.deviceId(), Json.bytes(d))));
            raw.flush();
            pipeline.awaitRunning(WAIT).awaitRegistry(devices.stream().map(Device::deviceId).toList(), WAIT);

            // Four readings in one minute: site count 4, avg (20 + 22 + 24.5 + 21.5) / 4 = 22, min 20, max 24.5.
            long window = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)).toEpochMilli();
            double[][] readings = {{0, 20.0}, {0, 22.0}, {0, 24.5}, {1, 21.5}};
            for (int i = 0; i < readings.length; i++) {
                Device d = devices.get((int) readings[i][0]);
                Reading r = new Reading(d.deviceId(), window + 5_000L * (i + 1), readings[i][1], 45.0, null, null, (long) i);
                raw.send(new ProducerRecord<>(TopicNames.TELEMETRY_RAW, d.deviceId(), Json.bytes(r)));
            }
            raw.flush();

            WebElement row = new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector(
                    "#latest-sites tr[data-key='" + site + "'][data-count='4']")).stream().findFirst().orElse(null));
            assertThat(row.getDomAttribute("data-window-start")).isEqualTo(String.valueOf(window));
            assertThat(row.getDomAttribute("data-avg")).isEqualTo("22");
            assertThat(row.getDomAttribute("data-min")).isEqualTo("20");
            assertThat(row.getDomAttribute("data-max")).isEqualTo("24.5");
            WebElement deviceRow = browser.findElement(By.cssSelector("#latest-devices tr[data-key='b-" + run + "']"));
            assertThat(deviceRow.getDomAttribute("data-count")).isEqualTo("1");
            assertThat(deviceRow.getDomAttribute("data-avg")).isEqualTo("21.5");

            long sent = System.nanoTime();
            alerts.send(new ProducerRecord<>(TopicNames.ALERTS, "a-" + run, new Alert("a-" + run, site,
                    Alert.Type.TEMPERATURE_HIGH, Alert.Severity.CRITICAL, window + 30_000, 41.5,
                    "41.5 °C above 35.0 °C for 3 readings"))).get();
            WebElement alert = new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(20)).until(d -> d
                    .findElements(By.cssSelector("#alerts li[data-device='a-" + run + "']")).stream().findFirst().orElse(null));
            Duration shownAfter = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(alert.getDomAttribute("data-severity")).isEqualTo("CRITICAL");
            assertThat(alert.getText()).contains("TEMPERATURE_HIGH").contains("41.5 °C above 35.0 °C");
            assertThat(shownAfter).isLessThan(Duration.ofSeconds(2));

            WebElement latency = browser.findElement(By.id("kpi-latency"));
            System.out.printf("dashboard update latency (Kafka write -> page): p50 %s ms, max %s ms over %s updates%n",
                    latency.getDomAttribute("data-p50"), latency.getDomAttribute("data-max"), latency.getDomAttribute("data-n"));
        }
        assertThat(browser.findElement(By.id("banner")).getDomAttribute("class")).contains("hidden");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aStoppedClusterShowsABannerNotABlankPage() throws Exception {
        int unused = SharedCluster.freePortBlock(1);
        try (Dashboard orphan = Dashboard.start(KafkaConnection.of("127.0.0.1:" + unused), "127.0.0.1", 0, "none")) {
            browser.get(orphan.url());
            WebElement banner = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
                WebElement b = d.findElement(By.id("banner"));
                return b.getText().startsWith("cluster unreachable") ? b : null;
            });
            assertThat(banner.getText()).isEqualTo("cluster unreachable at 127.0.0.1:" + unused
                    + ": is it running? ('./lab cluster status')");
            assertThat(browser.findElement(By.id("waiting")).isDisplayed()).isTrue();
        }
    }
}
