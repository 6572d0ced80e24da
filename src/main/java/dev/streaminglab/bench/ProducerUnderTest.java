package dev.streaminglab.bench;

/**
 * A producer the benchmark measures against Kafka's ProducerPerformance with the same settings, registered in
 * {@link UnderTest#producers()}.
 */
public interface ProducerUnderTest {
    /** The implementation column of the results, e.g. "kit-producer". */
    String name();

    /** Whether it makes its own telemetry records, and so only runs where the payloads are telemetry. */
    default boolean telemetryOnly() {
        return false;
    }

    /**
     * Sends the job's records and returns the steady-state figures (warm-up records excluded): records/s, MB/s
     * and send-to-acknowledgement latency, the same quantities ProducerPerformance reports.
     */
    RunStats run(ProducerJob job);
}
