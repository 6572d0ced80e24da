package dev.streaminglab.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka Connect's REST API (the same in standalone and distributed mode), for the calls the kit makes: deploy,
 * list, status, config, pause, resume, restart. Errors carry Connect's own message.
 */
public final class ConnectRest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRest(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    public String url() {
        return base.toString();
    }

    /** A task's or connector's state as the status endpoint reports it. */
    public record TaskState(int id, String state, String workerId, String trace) {
    }

    public record Status(String name, String type, String state, String workerId, List<TaskState> tasks) {
        public boolean running() {
            return state.equals("RUNNING") && !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state().equals("RUNNING"));
        }

        /** Running with at least this many tasks (in distributed mode tasks appear one rebalance after the connector). */
        public boolean running(int tasks) {
            return running() && this.tasks.size() >= tasks;
        }

        public String summary() {
            StringBuilder b = new StringBuilder(String.format("%-26s %-7s %-8s on %s", name, type, state, workerId));
            for (TaskState t : tasks) {
                b.append(String.format("%n  task %d %-8s on %s", t.id(), t.state(), t.workerId()));
                if (t.trace() != null) {
                    b.append("\n    ").append(t.trace().lines().findFirst().orElse(""));
                }
            }
            return b.toString();
        }
    }

    /** True once the worker answers and (distributed mode) has joined its group. */
    public boolean ready() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("connectors")).GET(), true).statusCode() == 200;
        } catch (LabException notYet) {
            return false;
        }
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        json("GET", "connectors", null).forEach(n -> names.add(n.asText()));
        return names.stream().sorted().toList();
    }

    /** Creates the connector or replaces its configuration (PUT is idempotent, so deploying twice is harmless). */
    public void deploy(ConnectorFiles.Connector c) {
        json("PUT", "connectors/" + c.name() + "/config", Json.text(c.config()));
    }

    public Status status(String name) {
        JsonNode n = json("GET", "connectors/" + name + "/status", null);
        List<TaskState> tasks = new ArrayList<>();
        n.path("tasks").forEach(t -> tasks.add(new TaskState(t.path("id").asInt(), t.path("state").asText(),
                t.path("worker_id").asText(), t.hasNonNull("trace") ? t.get("trace").asText() : null)));
        return new Status(n.path("name").asText(), n.path("type").asText(), n.path("connector").path("state").asText(),
                n.path("connector").path("worker_id").asText(), tasks);
    }

    public JsonNode config(String name) {
        return json("GET", "connectors/" + name + "/config", null);
    }

    public void pause(String name) {
        json("PUT", "connectors/" + name + "/pause", null);
    }

    public void resume(String name) {
        json("PUT", "connectors/" + name + "/resume", null);
    }

    /** Restarts the connector and all its tasks (Connect 3.0+). */
    public void restart(String name) {
        json("POST", "connectors/" + name + "/restart?includeTasks=true&onlyFailed=false", null);
    }

    private JsonNode json(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = send(b, false);
        if (r.statusCode() == 404 && path.startsWith("connectors/")) {
            throw new LabException("Connect at " + base + " has no connector '" + path.split("[/?]")[1]
                    + "': list the deployed ones with 'Connect.java list'");
        }
        if (r.statusCode() >= 300) {
            throw new LabException("Connect at " + base + " refused " + method + " " + path + " (" + r.statusCode() + "): "
                    + message(r.body()));
        }
        try {
            return r.body().isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new LabException("Connect at " + base + " answered " + path + " with something not JSON: " + r.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean quiet) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LabException("no Connect worker answers at " + base + (quiet ? "" : ": start one with "
                    + "'./lab jbang run jbang-scripts/Connect.java start'"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while calling Connect at " + base, e);
        }
    }

    private static String message(String body) {
        try {
            return Json.MAPPER.readTree(body).path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
