package dev.streaminglab.serve;

import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.cluster.Topics;
import dev.streaminglab.domain.TopicNames;
import java.util.Map;

/** Creates the topics the dashboard reads when they are missing, so an empty pipeline shows "waiting". */
final class DashboardTopics {
    private DashboardTopics() {
    }

    static void ensure(KafkaConnection kafka) {
        try (var admin = kafka.admin()) {
            for (String t : LiveFeed.TOPICS) {
                Topics.ensure(admin, t, 3, Map.of());
            }
            Topics.ensure(admin, TopicNames.TELEMETRY_RAW, 3, Map.of());
            Topics.ensure(admin, TopicNames.TELEMETRY_ENRICHED, 3, Map.of());
        }
    }
}
