package dev.streaminglab.bench;

import java.util.List;

/**
 * The kit's code that the benchmark measures. These two lists are the plug points; every suite, chart and ratio
 * picks up what they hold:
 * <ul>
 * <li>the telemetry generator: add {@code new KitProducer("kit-generator", job -> (topic, i) -> ...)} to
 * {@link #producers()} (a {@link KitProducer.RecordSource} that returns the generator's i-th record);</li>
 * <li>a real topology: add {@code StageUnderTest.of("validation", (topics, config) -> ...)} to {@link #stages()},
 * building it on {@link StageTopics} (and, for the store comparison, a StreamsBuilder made from {@code config}).</li>
 * </ul>
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
