package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;

/** What every suite of a run shares: the profile, the clusters, Kafka's tools and a scratch folder. */
final class BenchContext {
    private static final Duration TOOL_DEADLINE = Duration.ofMinutes(10);

    final Profile profile;
    final BenchClusters clusters;
    final KafkaTools tools;
    final Path workDir;

    BenchContext(Profile profile, BenchClusters clusters, Path workDir, Path logDir) {
        this.profile = profile;
        this.clusters = clusters;
        this.workDir = workDir;
        this.tools = new KafkaTools(logDir, TOOL_DEADLINE);
    }

    /** Deletes a run's topics right away: a full profile writes gigabytes that later runs do not need. */
    static void deleteTopics(KafkaConnection connection, Collection<String> topics) {
        try (Admin admin = connection.admin()) {
            Topics.delete(admin, topics);
        }
    }
}
