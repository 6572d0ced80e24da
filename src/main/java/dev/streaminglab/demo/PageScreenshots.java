package dev.streaminglab.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import dev.streaminglab.kafka.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * Screenshots of live pages in Debian's headless Chromium, taken once a page shows what it should: a condition in
 * the page's own JavaScript, polled with a deadline. Chromium's {@code --screenshot} flag cannot wait for that (it
 * shoots at the load event, and its virtual-time budget never ends while a Server-Sent Events stream is open), so
 * this speaks the DevTools protocol over the JDK's WebSocket client: a few commands, no driver to install (the
 * tests' Selenium would add its whole dependency tree to every script for two pictures).
 */
final class PageScreenshots implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^/]+)/");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration REPLY = Duration.ofSeconds(30);

    private final Process chromium;
    private final Path profile;
    private final String devtools;
    private final Map<String, Object> viewport;
    private final HttpClient http = HttpClient.newHttpClient();

    private PageScreenshots(Process chromium, Path profile, String devtools, int width, int height) {
        this.chromium = chromium;
        this.profile = profile;
        this.devtools = devtools;
        this.viewport = Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false);
    }

    /** Chromium with the same flags as the browser tests: headless, and nothing that calls home. */
    static PageScreenshots start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new LabException("--screenshots needs Chromium (" + CHROMIUM + "): run the demo through './lab demo', "
                    + "which installs it for --screenshots");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--window-size=" + width + "," + height, "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new PageScreenshots(p, profile, devtoolsAddress(p), width, height);
        } catch (IOException e) {
            throw new LabException("cannot start Chromium for the screenshots: " + e.getMessage(), e);
        }
    }

    /**
     * Chromium prints its DevTools address on stderr once it listens. One daemon thread reads stderr to its end, so
     * Chromium never blocks on a full pipe after the address was found.
     */
    private static String devtoolsAddress(Process p) {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (!address.isDone() && m.find()) {
                        address.complete(m.group(1).replace("ws://", "http://"));
                    }
                }
            } catch (IOException e) {
                // Chromium closed its stderr: it has exited.
            }
            address.complete(null);
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String a;
        try {
            a = address.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new LabException("Chromium did not open its DevTools port within " + START.toSeconds() + " s", e);
        }
        if (a == null) {
            throw new LabException("Chromium exited before opening its DevTools port");
        }
        return a;
    }

    /**
     * Opens {@code url} in a new tab, waits until {@code readyScript} (a JavaScript expression) is true, then saves
     * the viewport as a PNG.
     */
    void shoot(String url, String readyScript, Duration deadline, Path png) {
        try {
            HttpResponse<String> tab = http.send(HttpRequest.newBuilder(URI.create(devtools + "/json/new?" + url))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String ws = Json.MAPPER.readTree(tab.body()).path("webSocketDebuggerUrl").asText();
            try (Tab t = new Tab(http, ws)) {
                // The window size includes Chromium's own frame; the page gets exactly the viewport asked for.
                t.call("Emulation.setDeviceMetricsOverride", viewport);
                Await.until(deadline, "the page " + url + " to show " + readyScript, () -> t.call("Runtime.evaluate",
                        Map.of("expression", readyScript, "returnByValue", true)).path("result").path("value")
                        .asBoolean(false));
                String data = t.call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
                Files.createDirectories(png.toAbsolutePath().getParent());
                Files.write(png, Base64.getDecoder().decode(data));
            }
        } catch (IOException e) {
            throw new LabException("screenshot of " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while taking a screenshot of " + url, e);
        }
    }

    @Override
    public void close() {
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileUtils.deleteQuietly(profile.toFile());
    }

    /** One tab's DevTools session: a command is a JSON message with an id, its reply carries the same id. */
    private static final class Tab implements WebSocket.Listener, AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder frame = new StringBuilder();
        private final WebSocket socket;

        Tab(HttpClient http, String url) {
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), this).join();
        }

        JsonNode call(String method, Map<String, Object> params) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode msg = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
            msg.set("params", Json.MAPPER.valueToTree(params));
            socket.sendText(msg.toString(), true);
            try {
                JsonNode r = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
                if (r.has("error")) {
                    throw new LabException("Chromium refused " + method + ": " + r.get("error"));
                }
                return r.path("result");
            } catch (LabException e) {
                throw e;
            } catch (Exception e) {
                throw new LabException("no reply from Chromium to " + method + " within " + REPLY.toSeconds() + " s", e);
            } finally {
                pending.remove(id);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                try {
                    JsonNode msg = Json.MAPPER.readTree(frame.toString());
                    CompletableFuture<JsonNode> reply = pending.get(msg.path("id").asInt(-1));
                    if (reply != null) {
                        reply.complete(msg);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                frame.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
