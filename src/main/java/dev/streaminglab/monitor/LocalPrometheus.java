package dev.streaminglab.monitor;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.Resources;
import dev.streaminglab.cluster.JavaProcess;
import dev.streaminglab.domain.Json;
import dev.streaminglab.kafka.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * Debian's Prometheus, started by the kit on 127.0.0.1 with the kit's configuration: it scrapes the JMX exporters
 * of the brokers, Connect workers and Streams instances and the dashboard's own {@code /metrics} (group lag, log
 * directory usage, certificate expiry), every {@value #SCRAPE_SECONDS} s, and evaluates
 * {@code monitoring/alert-rules.yml}. What to scrape is one file per job under {@code targets/}, which Prometheus
 * re-reads when it changes: a component started later is added without a restart.
 */
public final class LocalPrometheus implements AutoCloseable {
    public static final int DEFAULT_PORT = 9090;
    public static final String RULES = "monitoring/alert-rules.yml";
    static final int SCRAPE_SECONDS = 5;
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The jobs Prometheus scrapes; each has its targets file. */
    public enum Job {
        KAFKA("kafka"), CONNECT("connect"), STREAMS("streams"), DASHBOARD("dashboard");

        public final String label;

        Job(String label) {
            this.label = label;
        }
    }

    private final int port;
    private final Path dir;

    public LocalPrometheus(int port, Path dir) {
        this.port = port;
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static LocalPrometheus defaultPrometheus() {
        return new LocalPrometheus(DEFAULT_PORT, LabHome.workDir().resolve("prometheus"));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public PrometheusApi api() {
        return new PrometheusApi(url());
    }

    private Path pidFile() {
        return dir.resolve("prometheus.pid");
    }

    public Path logFile() {
        return dir.resolve("prometheus.log");
    }

    public Optional<ProcessHandle> process() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().commandLine()
                    .map(c -> c.contains(dir.toString())).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts Prometheus unless it runs, and waits until it answers ready. */
    public LocalPrometheus start() {
        if (process().isPresent()) {
            return this;
        }
        if (!Files.isExecutable(BINARY)) {
            throw new LabException("Prometheus is not installed (" + BINARY + "): run './lab setup', which installs "
                    + "the Debian package 'prometheus'");
        }
        try {
            Files.createDirectories(dir.resolve("targets"));
            for (Job j : Job.values()) {
                if (!Files.exists(targetsFile(j))) {
                    targets(j, List.of());
                }
            }
            Files.writeString(dir.resolve("prometheus.yml"), config());
            Resources.copy(RULES, dir.resolve("alert-rules.yml"));
            List<String> cmd = List.of(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=2d",
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
            Files.writeString(pidFile(), Long.toString(p.pid()));
            PrometheusApi api = api();
            boolean ready = Await.within(START_TIMEOUT, () -> {
                if (!p.isAlive()) {
                    throw new LabException("Prometheus exited at start (port " + port + " taken?): see " + logFile());
                }
                return api.ready();
            });
            if (!ready) {
                p.destroyForcibly();
                throw new LabException("Prometheus did not answer on " + url() + " within " + START_TIMEOUT.toSeconds()
                        + " s: see " + logFile());
            }
            return this;
        } catch (IOException e) {
            throw new LabException("cannot start Prometheus in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replaces what Prometheus scrapes for a job ({@code host:port} of each {@code /metrics}). */
    public void targets(Job job, List<String> hostPorts) {
        Path file = targetsFile(job);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            List<Map<String, Object>> groups = new ArrayList<>();
            if (!hostPorts.isEmpty()) {
                groups.add(Map.of("targets", hostPorts, "labels", Map.of("job", job.label)));
            }
            Files.writeString(tmp, Json.text(groups));
            // Moved into place whole: Prometheus never reads a half-written file.
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path targetsFile(Job job) {
        return dir.resolve("targets").resolve(job.label + ".json");
    }

    private String config() {
        StringBuilder b = new StringBuilder();
        b.append("# Written by the Kafka Streaming Lab on every start.\n")
                .append("global:\n  scrape_interval: ").append(SCRAPE_SECONDS).append("s\n")
                .append("  scrape_timeout: ").append(SCRAPE_SECONDS - 1).append("s\n")
                .append("  evaluation_interval: ").append(SCRAPE_SECONDS).append("s\n")
                .append("rule_files: [alert-rules.yml]\nscrape_configs:\n");
        for (Job j : Job.values()) {
            b.append("  - job_name: ").append(j.label).append('\n')
                    .append("    file_sd_configs: [{files: [").append(targetsFile(j)).append("], refresh_interval: ")
                    .append(SCRAPE_SECONDS).append("s}]\n");
        }
        return b.toString();
    }

    /** Stops Prometheus (SIGTERM: it flushes its head block); {@code wipe} deletes its data. */
    public void stop(boolean wipe) {
        process().ifPresent(h -> JavaProcess.stop(h, STOP_GRACE));
        if (wipe) {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    @Override
    public void close() {
        stop(false);
    }

    /**
     * {@code promtool check rules} on a rules file: the exit code and what it printed. Prometheus refuses to load
     * a broken file at start, so the kit checks it before it ships.
     */
    public static CheckResult checkRules(Path rules) {
        try {
            Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return new CheckResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new LabException("cannot run " + PROMTOOL + " (Debian package 'prometheus', './lab setup')", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running promtool", e);
        }
    }

    public record CheckResult(int exitCode, String output) {
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
