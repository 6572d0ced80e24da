package dev.streaminglab.faults;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import java.time.Duration;
import java.util.BitSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic of numbered records read back to its end and held against what the producer saw: every acknowledged
 * number must be there (else it was lost), none twice (else it was duplicated).
 *
 * @param records records read
 * @param distinct distinct sequence numbers among them
 * @param lostAcknowledged acknowledged to the producer, absent from the topic
 * @param duplicates records beyond the first of their number
 * @param presentUnacknowledged in the topic although the producer was told it failed (or never heard)
 */
record ReadBack(long records, long distinct, long lostAcknowledged, long duplicates, long presentUnacknowledged) {
    static ReadBack of(KafkaConnection kafka, String topic, BitSet acked, Duration timeout) {
        BitSet seen = new BitSet();
        long records = 0;
        long duplicates = 0;
        for (ConsumerRecord<String, Long> r : TopicReader.of(kafka, new StringDeserializer(), new LongDeserializer())
                .uncommitted().toEnd(topic, timeout)) {
            records++;
            int seq = r.value().intValue();
            if (seen.get(seq)) {
                duplicates++;
            }
            seen.set(seq);
        }
        BitSet lost = (BitSet) acked.clone();
        lost.andNot(seen);
        BitSet unacked = (BitSet) seen.clone();
        unacked.andNot(acked);
        return new ReadBack(records, seen.cardinality(), lost.cardinality(), duplicates, unacked.cardinality());
    }
}
