package dev.streaminglab.bench;

/**
 * A producer the benchmark measures against Kafka's ProducerPerformance with the same settings. The kit's
 * telemetry generator plugs in here, most simply as a {@link KitProducer} with the generator as its record
 * source (see there), registered in {@link UnderTest#producers()}.
 */
public interface ProducerUnderTest {
    /** The implementation column of the results, e.g. "kit-producer". */
    String name();

    /**
     * Sends the job's records and returns the steady-state figures (warm-up records excluded): records/s, MB/s
     * and send-to-acknowledgement latency, the same quantities ProducerPerformance reports.
     */
    RunStats run(ProducerJob job);
}
