package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One producer run as both the kit and Kafka's ProducerPerformance receive it: send {@code records} records
 * of {@code recordSize} bytes to {@code topic} with these producer settings, the first {@code warmupRecords}
 * left out of the statistics.
 *
 * @param producerConfigs acks, linger.ms, batch.size, compression.type and the like, exactly as given to the tool
 * @param payloadFile values to send instead of random letters, one per line (ProducerPerformance's
 *     --payload-file); the generator ignores it and makes its own
 */
public record ProducerJob(KafkaConnection connection, String topic, long records, long warmupRecords, int recordSize,
        Map<String, String> producerConfigs, Optional<Path> payloadFile) {

    public ProducerJob(KafkaConnection connection, String topic, long records, long warmupRecords, int recordSize,
            Map<String, String> producerConfigs) {
        this(connection, topic, records, warmupRecords, recordSize, producerConfigs, Optional.empty());
    }
}
