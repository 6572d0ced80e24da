package dev.streaminglab.bench;

import dev.streaminglab.cluster.KafkaConnection;
import java.util.Map;

/**
 * One producer run as both the kit and Kafka's ProducerPerformance receive it: send {@code records} records
 * of {@code recordSize} bytes to {@code topic} with these producer settings, the first {@code warmupRecords}
 * left out of the statistics.
 *
 * @param producerConfigs acks, linger.ms, batch.size, compression.type and the like, exactly as given to the tool
 */
public record ProducerJob(KafkaConnection connection, String topic, long records, long warmupRecords, int recordSize,
        Map<String, String> producerConfigs) {
}
