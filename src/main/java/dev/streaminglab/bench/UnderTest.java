package dev.streaminglab.bench;

import java.util.List;

/**
 * The kit's code that the benchmark measures. These two lists are the plug points: add the telemetry
 * generator's {@link ProducerUnderTest} to {@link #producers()} and the real topologies' {@link StageUnderTest}s
 * to {@link #stages()}; every suite, chart and ratio picks them up.
 */
public final class UnderTest {
    private UnderTest() {
    }

    /** Producers compared with Kafka's ProducerPerformance; the first one also drives the other suites. */
    public static List<ProducerUnderTest> producers() {
        return List.of(new KitProducer());
    }

    /** Streams stages measured against the passthrough baseline (which must stay first). */
    public static List<StageUnderTest> stages() {
        return List.of(StandInStages.PASSTHROUGH, StandInStages.VALIDATION, StandInStages.ENRICHMENT,
                StandInStages.WINDOWED_COUNT, StandInStages.PIPELINE);
    }
}
