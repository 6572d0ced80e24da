package dev.streaminglab.bench;

/**
 * A producer the benchmark measures against Kafka's ProducerPerformance with the same settings. The kit's
 * telemetry generator plugs in here: implement {@link #run} by sending {@code job.records()} records (the
 * generator's own readings, or payloads of {@code job.recordSize()} bytes) with {@code job.producerConfigs()}
 * applied, and register it in {@link UnderTest#producers()}.
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
