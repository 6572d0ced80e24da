package dev.streaminglab.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import dev.streaminglab.process.WindowedAggregates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries over HTTP, on 127.0.0.1 only:
 * <ul>
 * <li>{@code GET /devices/{id}/latest}: the device's newest 1-minute {@code WindowStats};</li>
 * <li>{@code GET /sites/{site}/windows?from=&to=}: the site's 1-minute windows starting in [from, to]
 * (ISO-8601 instants or epoch milliseconds; default: the last hour up to now).</li>
 * </ul>
 * With several instances each holds some partitions: Kafka Streams' metadata (fed by every instance's
 * {@code application.server}) names the owner of a key, and a request for a key held elsewhere is forwarded
 * there once (header {@value #FORWARDED}); the answer's {@value #SERVED_BY} header names who answered.
 * <p>
 * The JDK's own HttpServer and HttpClient: two GET routes need no web framework, and the kit gains no
 * dependency (and no second JSON stack: bodies are written with the kit's Jackson mapper).
 */
public final class QueryServer implements AutoCloseable {
    public static final String FORWARDED = "X-Lab-Forwarded";
    public static final String SERVED_BY = "X-Lab-Served-By";
    private static final Pattern DEVICE_LATEST = Pattern.compile("/devices/([^/]+)/latest");
    private static final Pattern SITE_WINDOWS = Pattern.compile("/sites/([^/]+)/windows");
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    /** Windows older than the stores' retention are gone anyway; a bounded range also keeps a query cheap. */
    private static final Duration MAX_RANGE = WindowedAggregates.STORE_RETENTION;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final AggregateQueries local;
    private final HostInfo self;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

    /** Starts serving on 127.0.0.1:port; the port must equal the one in this instance's application.server. */
    public QueryServer(KafkaStreams streams, int port) {
        this.streams = streams;
        this.local = new AggregateQueries(streams);
        this.self = new HostInfo("127.0.0.1", port);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new LabException("cannot serve queries on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "): pick another --http-port", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    public static String applicationServer(int port) {
        return "127.0.0.1:" + port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        // The exchange is closed only after the error replies below: a try-with-resources would close it first.
        try {
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, error("only GET is supported"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            Matcher device = DEVICE_LATEST.matcher(path);
            Matcher site = SITE_WINDOWS.matcher(path);
            if (device.matches()) {
                String id = decode(device.group(1));
                route(ex, WindowedAggregates.DEVICE_1M_STORE, id, () -> local.latestForDevice(id)
                        .<Reply>map(s -> new Reply(200, s))
                        .orElse(new Reply(404, error("no window for device '" + id + "' (yet)"))));
            } else if (site.matches()) {
                String name = decode(site.group(1));
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                Instant to = parseTime(q, "to", Instant.now());
                Instant from = parseTime(q, "from", to.minus(DEFAULT_RANGE));
                if (from.isAfter(to)) {
                    throw new BadRequest("'from' (" + from + ") is after 'to' (" + to + ")");
                }
                if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                    throw new BadRequest("from..to spans more than " + MAX_RANGE.toDays()
                            + " day(s), the stores' retention: narrow the range");
                }
                route(ex, WindowedAggregates.SITE_1M_STORE, name,
                        () -> new Reply(200, local.siteWindows(name, from, to)));
            } else {
                send(ex, 404, error("unknown path " + path + ": try /devices/{id}/latest or "
                        + "/sites/{site}/windows?from=&to="));
            }
        } catch (BadRequest e) {
            send(ex, 400, error(e.getMessage()));
        } catch (InvalidStateStoreException e) {
            send(ex, 503, error("stores not queryable yet (" + e.getMessage() + "): retry in a moment"));
        } catch (IOException | RuntimeException e) {
            send(ex, 500, error(e.toString()));
        } finally {
            ex.close();
        }
    }

    private record Reply(int status, Object body) {
    }

    private interface LocalQuery {
        Reply run();
    }

    /** Answers from the local store when this instance owns the key, else asks the owner. */
    private void route(HttpExchange ex, String store, String key, LocalQuery query) throws IOException {
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            send(ex, 503, error("no instance hosts '" + key + "' right now (rebalancing?): retry in a moment"));
            return;
        }
        if (meta.activeHost().equals(self)) {
            Reply r = query.run();
            send(ex, r.status(), r.body());
        } else if (ex.getRequestHeaders().containsKey(FORWARDED)) {
            send(ex, 503, error("forwarded here, but " + meta.activeHost() + " owns '" + key + "': retry"));
        } else {
            forward(ex, meta.activeHost());
        }
    }

    private void forward(HttpExchange ex, HostInfo owner) throws IOException {
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
        HttpRequest req = HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT).header(FORWARDED, self.toString())
                .GET().build();
        try {
            HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            resp.headers().firstValue(SERVED_BY).ifPresent(v -> ex.getResponseHeaders().set(SERVED_BY, v));
            write(ex, resp.statusCode(), resp.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, error("interrupted while asking " + owner));
        } catch (IOException e) {
            send(ex, 502, error("owner " + owner + " did not answer: " + e.getMessage()));
        }
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        ex.getResponseHeaders().set(SERVED_BY, self.host() + ":" + self.port());
        write(ex, status, Json.bytes(body));
    }

    private static void write(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static Instant parseTime(Map<String, String> q, String name, Instant fallback) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new BadRequest("'" + name + "' is too large: " + v);
            }
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest("'" + name + "' must be an ISO-8601 instant (2026-01-01T10:00:00Z) or epoch "
                    + "milliseconds, got '" + v + "'");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!k.equals("from") && !k.equals("to")) {
                throw new BadRequest("unknown parameter '" + k + "': only 'from' and 'to' are understood");
            }
            m.put(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
