package dev.streaminglab.pipeline;

import dev.streaminglab.LabHome;
import dev.streaminglab.domain.TimestampBounds;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import dev.streaminglab.process.TelemetryPipeline;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * How to run one pipeline instance. {@link #defaults} is what {@code Pipeline.java} runs with no flags.
 *
 * @param httpPort port of the interactive-query server; 0 for none
 * @param advertisedHost the address the query server binds to and other instances reach it at (Kafka Streams'
 *     {@code application.server}); 127.0.0.1 when every instance runs on one machine
 * @param bounds the event times validation accepts
 * @param overrides extra Streams/client properties (tests shorten timeouts with them)
 */
public record PipelineOptions(String applicationId, Set<Stage> stages, Guarantee guarantee, int threads,
        Path stateDir, String instanceId, int httpPort, String advertisedHost, TimestampBounds bounds,
        Properties overrides) {
    public static final int DEFAULT_HTTP_PORT = 7070;
    public static final String DEFAULT_ADVERTISED_HOST = "127.0.0.1";

    public static PipelineOptions defaults() {
        return new PipelineOptions(TelemetryPipeline.APPLICATION_ID, EnumSet.allOf(Stage.class),
                Guarantee.EXACTLY_ONCE_V2, 1, defaultStateDir("1"), "1", DEFAULT_HTTP_PORT, DEFAULT_ADVERTISED_HOST,
                TimestampBounds.DEFAULT, new Properties());
    }

    public static Path defaultStateDir(String instanceId) {
        return LabHome.workDir().resolve("streams").resolve("instance-" + instanceId);
    }

    public PipelineOptions withInstance(String id, Path dir, int port) {
        return new PipelineOptions(applicationId, stages, guarantee, threads, dir, id, port, advertisedHost, bounds,
                overrides);
    }

    public PipelineOptions withApplicationId(String id) {
        return new PipelineOptions(id, stages, guarantee, threads, stateDir, instanceId, httpPort, advertisedHost,
                bounds, overrides);
    }

    public PipelineOptions withGuarantee(Guarantee g) {
        return new PipelineOptions(applicationId, stages, g, threads, stateDir, instanceId, httpPort, advertisedHost,
                bounds, overrides);
    }

    public PipelineOptions withStages(Set<Stage> s) {
        return new PipelineOptions(applicationId, s, guarantee, threads, stateDir, instanceId, httpPort,
                advertisedHost, bounds, overrides);
    }

    public PipelineOptions withThreads(int n) {
        return new PipelineOptions(applicationId, stages, guarantee, n, stateDir, instanceId, httpPort,
                advertisedHost, bounds, overrides);
    }

    public PipelineOptions withAdvertisedHost(String host) {
        return new PipelineOptions(applicationId, stages, guarantee, threads, stateDir, instanceId, httpPort, host,
                bounds, overrides);
    }

    public PipelineOptions withBounds(TimestampBounds b) {
        return new PipelineOptions(applicationId, stages, guarantee, threads, stateDir, instanceId, httpPort,
                advertisedHost, b, overrides);
    }

    public PipelineOptions withOverride(String key, Object value) {
        Properties p = new Properties();
        p.putAll(overrides);
        p.put(key, value);
        return new PipelineOptions(applicationId, stages, guarantee, threads, stateDir, instanceId, httpPort,
                advertisedHost, bounds, p);
    }
}
