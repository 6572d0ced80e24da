package dev.streaminglab.process;

import dev.streaminglab.domain.Acknowledgement;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Reading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows follow the time a reading was taken, not the time Kafka received it: a device that buffers readings
 * while offline must still land them in the minute they describe. Alerts and acknowledgements are joined by the
 * time they describe too (the alert's event time, the operator's acknowledgement). Only typed topics use this extractor;
 * the raw topic may hold garbage, so validation reads it by record time and stamps the event time on what it
 * writes to {@code telemetry.valid}.
 */
public class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof EnrichedReading e) {
            return e.timestamp();
        }
        if (record.value() instanceof Reading r && r.timestamp() != null) {
            return r.timestamp();
        }
        if (record.value() instanceof Alert a) {
            return a.eventTime();
        }
        if (record.value() instanceof Acknowledgement a) {
            return a.ackedAt();
        }
        return record.timestamp();
    }
}
