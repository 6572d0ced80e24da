package dev.streaminglab.process;

import dev.streaminglab.cluster.Topics;
import dev.streaminglab.domain.TopicSet;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's topics when missing (existing ones are left as they are). docs/topics.md describes
 * each; this class is where their partitions and retention are decided.
 */
public final class PipelineTopics {
    /**
     * Telemetry and result topics: 3 partitions, so up to 3 Streams threads or instances share the work (the
     * per-partition stream time of windows also makes fewer, busier partitions close windows sooner). On two
     * cores more would only add overhead.
     */
    public static final int PARTITIONS = 3;
    /** The registry is read whole by every instance (a global table): one partition is enough. */
    public static final int DEVICE_PARTITIONS = 1;
    /** Seven days, Kafka's default, stated so a reader need not know it: room to replay a week. */
    public static final String RETENTION_MS = Long.toString(7L * 24 * 3600 * 1000);

    private PipelineTopics() {
    }

    public static void ensureAll(Admin admin) {
        ensureRegistry(admin, TopicSet.STANDARD.devices());
        TopicSet.STANDARD.data().forEach(topic -> ensureData(admin, topic));
    }

    /** A registry topic under any name (the generator and Connect may be pointed elsewhere). */
    public static void ensureRegistry(Admin admin, String topic) {
        // Compacted: the latest row per device is the registry; a tombstone deletes a device.
        Topics.ensure(admin, topic, DEVICE_PARTITIONS,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /**
     * A telemetry or result topic under any name. Its record timestamps are the broker's write time: every
     * stage reads event time from the payload ({@link EventTimeExtractor}), and time-based retention must
     * count from the write, or replayed readings from 2004 (or a test's fixed past) would be deleted at the
     * broker's next retention check. The write time also lets the dashboard measure Kafka-to-page latency.
     */
    public static void ensureData(Admin admin, String topic) {
        Topics.ensure(admin, topic, PARTITIONS, Map.of(TopicConfig.RETENTION_MS_CONFIG, RETENTION_MS,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }
}
