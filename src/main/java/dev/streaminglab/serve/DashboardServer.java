package dev.streaminglab.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The live dashboard's web server: the page, its script and the chart library (uPlot, from its WebJar: no
 * CDN, works offline), and a Server-Sent Events stream fed by {@link LiveFeed} and {@link PipelineProbe}.
 *
 * <p>The JDK's own HTTP server is enough here: the page needs static files and one streaming response, and it
 * adds no second Jetty beside the one Kafka Connect brings. Each browser holds one thread for its stream.
 */
public final class DashboardServer implements AutoCloseable {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long KEEPALIVE_SECONDS = 10;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final HttpServer http;
    private final LiveFeed feed;
    private final PipelineProbe probe;
    /** Lets a reconnecting page tell a restarted server (fresh history) from a brief network drop. */
    private final String instance = UUID.randomUUID().toString();

    public DashboardServer(String host, int port, LiveFeed feed, PipelineProbe probe) {
        this.feed = feed;
        this.probe = probe;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new LabException("port " + port + " on " + host + " is already in use: stop the other dashboard or pick "
                    + "another with --port", e);
        } catch (IOException e) {
            throw new LabException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::route);
    }

    public DashboardServer start() {
        http.start();
        return this;
    }

    public String url() {
        InetSocketAddress a = http.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort() + "/";
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "only GET is served here");
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> resource(ex, "dashboard/index.html");
                case "/dashboard.js", "/dashboard.css" -> resource(ex, "dashboard" + path);
                case "/uplot.js" -> resource(ex, UPLOT + "uPlot.iife.min.js");
                case "/uplot.css" -> resource(ex, UPLOT + "uPlot.min.css");
                case "/events" -> events(ex);
                case "/api/metrics" -> send(ex, 200, "application/json", Json.text(probe.latest()));
                case "/api/dead-letters" -> send(ex, 200, "application/json", Json.text(feed.deadLetterReasons()));
                default -> send(ex, 404, "text/plain", "no such page: " + path);
            }
        }
    }

    /** Query parameters, with a 400 naming what is wrong and what is allowed. */
    static Map<String, String> params(URI uri, Set<String> allowed) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown parameter '" + name + "': allowed are " + String.join(", ", allowed));
            }
            out.put(name, value);
        }
        return out;
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private void events(HttpExchange ex) throws IOException {
        String device;
        try {
            device = params(ex.getRequestURI(), Set.of("device")).get("device");
            if (device != null && !device.isEmpty() && !DEVICE_ID.matcher(device).matches()) {
                throw new BadRequest("device must be 1 to 64 letters, digits, '.', '_' or '-', got '" + device + "'");
            }
        } catch (BadRequest e) {
            send(ex, 400, "text/plain", e.getMessage());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<DashboardEvent> queue = feed.subscribe();
        try (OutputStream out = ex.getResponseBody()) {
            write(out, "retry: 1000\nevent: hello\ndata: " + Json.text(Map.of("instance", instance)) + "\n\n");
            if (probe.latest() != null) {
                write(out, new DashboardEvent(0, "metrics", probe.latest()).wire());
            }
            while (true) {
                DashboardEvent e = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (e == null) {
                    write(out, ": keep-alive\n\n");
                } else if (matches(e, device)) {
                    write(out, e.wire());
                }
            }
        } catch (IOException | InterruptedException browserGone) {
            // the page closed or reloaded; its queue goes with it
        } finally {
            feed.unsubscribe(queue);
        }
    }

    /** With a device filter, device-scoped events of other devices stay home; sites and metrics always go. */
    private static boolean matches(DashboardEvent e, String device) {
        if (device == null || device.isEmpty()) {
            return true;
        }
        if (e.data() instanceof LiveFeed.AggregatePoint p && p.scope().equals("device")) {
            return p.stats().key().equals(device);
        }
        if (e.data() instanceof Alert a) {
            return a.deviceId().equals(device);
        }
        return true;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(ex, 404, "text/plain", "missing resource " + name);
                return;
            }
            byte[] body = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
