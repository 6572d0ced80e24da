package dev.streaminglab.bench;

import dev.streaminglab.costs.Telemetry;
import dev.streaminglab.domain.Device;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Gives each record a device id as its key, drawn uniformly from the 54 lab motes as the generator draws them:
 * ProducerPerformance cannot send keys, and keyed records are partitioned by hash (smaller batches than its sticky
 * partitioning of keyless ones), so without this the tool would not send what the generator sends. Runs in the
 * sending thread, before serialization, like the generator's own choice of key.
 */
public final class DeviceKeys implements ProducerInterceptor<Object, Object> {
    private static final byte[][] KEYS = Telemetry.REGISTRY.devices().stream().map(Device::deviceId)
            .map(id -> id.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    private final SplittableRandom random = new SplittableRandom(42);

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> r) {
        return new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), KEYS[random.nextInt(KEYS.length)],
                r.value(), r.headers());
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
