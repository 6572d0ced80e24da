package dev.streaminglab.pipeline;

import dev.streaminglab.LabHome;
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
 * @param httpPort port of the interactive-query server on 127.0.0.1; 0 for none
 * @param overrides extra Streams/client properties (tests shorten timeouts with them)
 */
public record PipelineOptions(String applicationId, Set<Stage> stages, Guarantee guarantee, int threads,
        Path stateDir, String instanceId, int httpPort, Properties overrides) {
    public static final int DEFAULT_HTTP_PORT = 7070;

    public static PipelineOptions defaults() {
        return new PipelineOptions(TelemetryPipeline.APPLICATION_ID, EnumSet.allOf(Stage.class),
                Guarantee.EXACTLY_ONCE_V2, 1, defaultStateDir("1"), "1", DEFAULT_HTTP_PORT, new Properties());
    }

    public static Path defaultStateDir(String instanceId) {
        return LabHome.workDir().resolve("streams").resolve("instance-" + instanceId);
    }

    public PipelineOptions withInstance(String id, Path dir, int port) {
        return new PipelineOptions(applicationId, stages, guarantee, threads, dir, id, port, overrides);
    }

    public PipelineOptions withApplicationId(String id) {
        return new PipelineOptions(id, stages, guarantee, threads, stateDir, instanceId, httpPort, overrides);
    }

    public PipelineOptions withGuarantee(Guarantee g) {
        return new PipelineOptions(applicationId, stages, g, threads, stateDir, instanceId, httpPort, overrides);
    }

    public PipelineOptions withStages(Set<Stage> s) {
        return new PipelineOptions(applicationId, s, guarantee, threads, stateDir, instanceId, httpPort, overrides);
    }

    public PipelineOptions withThreads(int n) {
        return new PipelineOptions(applicationId, stages, guarantee, n, stateDir, instanceId, httpPort, overrides);
    }

    public PipelineOptions withOverride(String key, Object value) {
        Properties p = new Properties();
        p.putAll(overrides);
        p.put(key, value);
        return new PipelineOptions(applicationId, stages, guarantee, threads, stateDir, instanceId, httpPort, p);
    }
}
