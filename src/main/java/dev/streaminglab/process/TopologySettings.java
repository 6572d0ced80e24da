package dev.streaminglab.process;

import dev.streaminglab.domain.TimestampBounds;
import dev.streaminglab.domain.TopicSet;

/**
 * What shapes the pipeline's topology beyond its topics.
 *
 * @param bounds the event times validation accepts
 * @param partitions partitions of the telemetry topics: alerts track a registered device that never sent in the
 *     task that owns its partition, so they must know how keys spread (the pipeline reads it from the cluster)
 */
public record TopologySettings(TimestampBounds bounds, int partitions) {
    public static final TopologySettings DEFAULT = new TopologySettings(TimestampBounds.DEFAULT, TopicSet.PARTITIONS);

    public TopologySettings withBounds(TimestampBounds b) {
        return new TopologySettings(b, partitions);
    }

    public TopologySettings withPartitions(int n) {
        return new TopologySettings(bounds, n);
    }
}
