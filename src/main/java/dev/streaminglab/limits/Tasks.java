package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.ThreadMetadata;

/** What tasks a Kafka Streams instance runs now, from its own thread metadata. */
final class Tasks {
    private Tasks() {
    }

    static long active(StreamsRunner app) {
        return app.streams().metadataForLocalThreads().stream().mapToLong(t -> t.activeTasks().size()).sum();
    }

    static long standby(StreamsRunner app) {
        return app.streams().metadataForLocalThreads().stream().mapToLong(t -> t.standbyTasks().size()).sum();
    }

    /** Threads that run at least one active task. */
    static long busyThreads(StreamsRunner app) {
        return app.streams().metadataForLocalThreads().stream().filter(t -> !t.activeTasks().isEmpty()).count();
    }

    /** The partitions of {@code topic} that some local thread processes. */
    static long partitionsOwned(StreamsRunner app, String topic) {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::activeTasks)
                .flatMap(ts -> ts.stream()).flatMap(t -> t.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(topic)).distinct().count();
    }

    /** Changelog records the instance's stores (standbys included) still have to apply: 0 once caught up. */
    static long storeLag(StreamsRunner app) {
        return app.streams().allLocalStorePartitionLags().values().stream().flatMap(m -> m.values().stream())
                .mapToLong(LagInfo::offsetLag).sum();
    }
}
