package dev.streaminglab.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus's HTTP API, for the calls the kit makes: readiness, active alerts, instant queries and the scrape
 * targets' health. The dashboard's operations view, the alert test and the fault experiments read through it.
 */
public final class PrometheusApi {
    private final URI base;
    private final HttpClient http = LocalPrometheus.http();

    public PrometheusApi(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    public String url() {
        return base.toString();
    }

    /** An alert as Prometheus reports it: pending (its condition holds, not yet for long enough) or firing. */
    public record Alert(String name, String state, Map<String, String> labels, String summary, String activeAt) {
        public boolean firing() {
            return state.equals("firing");
        }
    }

    /** One series of an instant query's result. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** One scrape target and whether its last scrape worked. */
    public record Target(String job, String instance, String health, String lastError) {
    }

    public boolean ready() {
        try {
            return LocalPrometheus.get(http, base.resolve("-/ready")).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : data("api/v1/alerts").path("alerts")) {
            out.add(new Alert(a.path("labels").path("alertname").asText(), a.path("state").asText(), labels(a.path("labels")),
                    a.path("annotations").path("summary").asText(""), a.path("activeAt").asText("")));
        }
        return out;
    }

    /** True when an alert of this name is firing. */
    public boolean firing(String alert) {
        return alerts().stream().anyMatch(a -> a.name().equals(alert) && a.firing());
    }

    public List<Sample> query(String promql) {
        List<Sample> out = new ArrayList<>();
        JsonNode data = data("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        for (JsonNode r : data.path("result")) {
            out.add(new Sample(labels(r.path("metric")), Double.parseDouble(r.path("value").path(1).asText("NaN"))));
        }
        return out;
    }

    /** The single value of a query that yields one series, or NaN when it yields none. */
    public double value(String promql) {
        List<Sample> s = query(promql);
        return s.isEmpty() ? Double.NaN : s.get(0).value();
    }

    /** One series of a range query: its labels and its (Unix seconds, value) points. */
    public record Series(Map<String, String> labels, List<double[]> points) {
    }

    /** A range query from {@code start} to {@code end} (Unix seconds) every {@code stepSeconds}. */
    public List<Series> range(String promql, long start, long end, long stepSeconds) {
        List<Series> out = new ArrayList<>();
        JsonNode data = data("api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=" + stepSeconds);
        for (JsonNode r : data.path("result")) {
            List<double[]> points = new ArrayList<>();
            r.path("values").forEach(v -> points.add(new double[] {v.path(0).asDouble(),
                    Double.parseDouble(v.path(1).asText("NaN"))}));
            out.add(new Series(labels(r.path("metric")), points));
        }
        return out;
    }

    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (JsonNode t : data("api/v1/targets?state=active").path("activeTargets")) {
            out.add(new Target(t.path("labels").path("job").asText(), t.path("labels").path("instance").asText(),
                    t.path("health").asText(), t.path("lastError").asText("")));
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode n) {
        Map<String, String> m = new TreeMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private JsonNode data(String path) {
        try {
            HttpResponse<String> r = LocalPrometheus.get(http, base.resolve(path));
            JsonNode body = Json.MAPPER.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new LabException("Prometheus at " + base + " refused " + path + ": " + body.path("error").asText(r.body()));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new LabException("Prometheus does not answer at " + base + ": start it ('./lab demo' does) or pass "
                    + "its address", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while asking Prometheus", e);
        }
    }
}
