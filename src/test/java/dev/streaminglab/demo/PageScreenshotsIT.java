package dev.streaminglab.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.LabException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page fed by Server-Sent Events, as the dashboard is, shot in the real Chromium once its own script says it
 * is ready: the shot waits for the fifth event, not for the load event.
 */
class PageScreenshotsIT {
    private static final String PAGE = "<html><body style='background:#fff'><h1 id='n' data-n='0'>0</h1><script>"
            + "new EventSource('/events').onmessage = e => { const h = document.getElementById('n');"
            + " h.textContent = e.data; h.dataset.n = e.data; };</script></body></html>";
    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", x -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/html");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        // One event per 200 ms, and the stream stays open as the dashboard's does.
        server.createContext("/events", x -> {
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 1; i <= 300; i++) {
                    out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(200); // the event source's pace, not a synchronisation
                }
            } catch (IOException | InterruptedException e) {
                // the page closed its stream
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void shootsTheViewportOnceThePageSaysItIsReady(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("page.png");
        try (PageScreenshots chromium = PageScreenshots.start(800, 500)) {
            chromium.shoot(url(), "+document.getElementById('n').dataset.n >= 5", Duration.ofSeconds(30), png);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void aPageThatNeverGetsReadyFailsNamingTheCondition(@TempDir Path dir) {
        try (PageScreenshots chromium = PageScreenshots.start(800, 500)) {
            assertThatThrownBy(() -> chromium.shoot(url(), "document.title === 'never'", Duration.ofSeconds(2),
                    dir.resolve("never.png"))).isInstanceOf(LabException.class)
                    .hasMessageContaining("document.title === 'never'");
        }
        assertThat(dir.resolve("never.png")).doesNotExist();
    }
}
