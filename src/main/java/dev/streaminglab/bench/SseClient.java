package dev.streaminglab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.domain.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dashboard user, in a JVM of its own: reads the dashboard's Server-Sent Events as the page does and writes one
 * line per per-device window update received after the replayed history ({@code live} event): client time,
 * device, window start, count, Kafka's write time and the dashboard's read time. It writes {@value #READY} beside
 * its output once live, and stops when its standard input closes.
 *
 * <p>Arguments: events URL, output file.
 */
public final class SseClient {
    static final String READY = "ready";

    private SseClient() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args[1]);
        Thread stop = new Thread(() -> {
            try (InputStream in = System.in) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // a broken pipe is a closed one
            }
            System.exit(0);
        }, "stop-on-stdin");
        stop.setDaemon(true);
        stop.start();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0]))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
                PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out), true)) {
            String type = null;
            boolean live = false;
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ") && "live".equals(type)) {
                    live = true;
                    Files.writeString(out.resolveSibling(READY), "live");
                } else if (line.startsWith("data: ") && live && "aggregate".equals(type)) {
                    long now = System.currentTimeMillis();
                    JsonNode point = Json.MAPPER.readTree(line.substring(6));
                    if (point.path("scope").asText().equals("device")) {
                        JsonNode stats = point.path("stats");
                        lines.println(String.join(",", List.of(Long.toString(now), stats.path("key").asText(),
                                stats.path("windowStart").asText(), stats.path("count").asText(),
                                point.path("writtenAt").asText(), point.path("receivedAt").asText())));
                    }
                }
            }
        }
    }

    /** The updates a client wrote. */
    static List<LatencyJoin.Update> read(Path file) throws IOException {
        // The client may be writing: a last line cut short is left for the next read.
        return Files.readAllLines(file).stream().map(l -> l.split(",")).filter(f -> f.length == 6)
                .map(f -> new LatencyJoin.Update(f[1],
                Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[0]))).toList();
    }
}
