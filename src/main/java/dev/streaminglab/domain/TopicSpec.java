package dev.streaminglab.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a topic is made: its partitions, its replication factor and its configs. Kafka's CreateTopics convention
 * is kept: a replication of {@value #BROKER_DEFAULT} means the broker's default (1 on one node, 3 on three), so
 * one spec fits the local shapes and a real cluster.
 */
public record TopicSpec(String name, int partitions, int replication, Map<String, String> configs) {
    public static final int BROKER_DEFAULT = -1;

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT, Map.of());
    }

    public TopicSpec replication(int factor) {
        return new TopicSpec(name, partitions, factor, configs);
    }

    public TopicSpec config(String key, String value) {
        Map<String, String> c = new TreeMap<>(configs);
        c.put(key, value);
        return new TopicSpec(name, partitions, replication, c);
    }
}
