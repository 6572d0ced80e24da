package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.util.List;

/** The suites of the benchmark by name, in the order they run. */
final class BenchSuites {
    static final String CLUSTER = "cluster";
    static final String PRODUCER = "producer";
    static final String STREAMS = "streams";
    static final String LATENCY = "latency";
    static final String PROFILE = "profile";
    static final String MEMORY = "memory";
    /**
     * Cluster launches first, before the run's own cluster exists; the profiles after the suites whose targets they
     * explain; the demo last (its own cluster in its own namespace).
     */
    static final List<String> ALL = List.of(CLUSTER, PRODUCER, STREAMS, LATENCY, PROFILE, MEMORY);

    private BenchSuites() {
    }

    static SuiteResult run(String suite, BenchContext ctx) {
        return switch (suite) {
            case CLUSTER -> ClusterReadySuite.run(ctx);
            case PRODUCER -> ProducerSuite.run(ctx);
            case STREAMS -> StreamsSuite.run(ctx);
            case LATENCY -> LatencySuite.run(ctx);
            case PROFILE -> ProfileSuite.run(ctx);
            case MEMORY -> MemorySuite.run(ctx, ctx.profile != Profile.QUICK);
            default -> throw new LabException("unknown suite '" + suite + "': choose from " + ALL);
        };
    }
}
