package dev.streaminglab.limits;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * The stateful topology several experiments share: a count per key in a named store, each update seen by a counter,
 * so an experiment can wait for its input to be counted (standbys, crashes, interactive queries, partitions).
 */
final class CountByKey {
    static final String STORE = "counts";

    private CountByKey() {
    }

    static Topology topology(String in, AtomicLong updates) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as(STORE)).toStream()
                .foreach((k, v) -> updates.incrementAndGet());
        return b.build();
    }
}
