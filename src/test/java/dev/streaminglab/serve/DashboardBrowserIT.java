package dev.streaminglab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.WindowStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private static KafkaConnection kafka;
    private static Dashboard dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedCluster.connection();
        DashboardTopics.ensure(kafka);
        dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "no-pipeline");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        browser.quit();
        dashboard.close();
    }

    @Test
    void showsTheExactLatestWindowAndAnAlertWithinTwoSeconds() throws Exception {
        browser.get(dashboard.url());
        try (var aggregates = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), WindowStats.SERDE.serializer());
                var alerts = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), Alert.SERDE.serializer())) {
            long start = 1_700_000_040_000L;
            // Emit-on-update: two updates of one window, then the next window; the page keeps the newest window.
            aggregates.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, "site-browser-it",
                    new WindowStats("site-browser-it", start, start + 60_000, 1, 21.0, 21.0, 21.0, 40.0))).get();
            aggregates.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, "site-browser-it",
                    new WindowStats("site-browser-it", start, start + 60_000, 2, 21.0, 23.0, 22.0, 41.0))).get();
            aggregates.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, "site-browser-it",
                    new WindowStats("site-browser-it", start + 60_000, start + 120_000, 3, 19.5, 20.5, 20.0, 45.0))).get();

            WebElement row = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                    By.cssSelector("#latest-sites tr[data-key='site-browser-it'][data-count='3']")).stream().findFirst().orElse(null));
            assertThat(row.getDomAttribute("data-window-start")).isEqualTo(String.valueOf(start + 60_000));
            assertThat(row.getDomAttribute("data-avg")).isEqualTo("20");
            assertThat(row.getDomAttribute("data-min")).isEqualTo("19.5");
            assertThat(row.getDomAttribute("data-max")).isEqualTo("20.5");

            long sent = System.nanoTime();
            alerts.send(new ProducerRecord<>(TopicNames.ALERTS, "mote-browser-it", new Alert("mote-browser-it",
                    "site-browser-it", Alert.Type.TEMPERATURE_HIGH, Alert.Severity.CRITICAL, start + 90_000, 41.5,
                    "41.5 °C above 35.0 °C for 3 readings"))).get();
            WebElement alert = new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(20)).until(d -> d
                    .findElements(By.cssSelector("#alerts li[data-device='mote-browser-it']")).stream().findFirst().orElse(null));
            Duration shownAfter = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(alert.getDomAttribute("data-severity")).isEqualTo("CRITICAL");
            assertThat(alert.getText()).contains("TEMPERATURE_HIGH").contains("41.5 °C above 35.0 °C");
            assertThat(shownAfter).isLessThan(Duration.ofSeconds(2));
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
