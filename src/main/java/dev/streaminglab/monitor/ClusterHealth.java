package dev.streaminglab.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What an operator checks first, read through the Admin API in one go: the brokers and the active controller,
 * partitions without a full ISR or without a leader, every consumer group's lag per topic (from committed
 * offsets, so a stopped consumer still shows its lag: the case that matters), each log directory's disk usage,
 * and the end offsets of every topic (rates come from two readings). Works against any cluster the kit can reach,
 * local or cloud; brokers report their own volumes, so no agent is needed on them for disk usage.
 */
public record ClusterHealth(long time, List<Broker> brokers, int controller, Partitions partitions,
        List<GroupLag> lags, List<LogDir> logDirs, Map<String, Long> endOffsets) {
    /** How long one Admin call may take before the whole reading fails (the cluster counts as unreachable). */
    static final long CALL_SECONDS = 5;

    public record Broker(int id, String address) {
    }

    /** Partition counts, with up to {@value #EXAMPLES} named examples of the unhealthy ones. */
    public record Partitions(int topics, int total, int underReplicated, int offline, List<String> examples) {
        static final int EXAMPLES = 12;
    }

    public record GroupLag(String group, String topic, long lag) {
    }

    public record LogDir(int broker, String dir, long totalBytes, long usableBytes) {
        public double usedRatio() {
            return totalBytes <= 0 ? 0 : 1.0 - (double) usableBytes / totalBytes;
        }
    }

    public long lag(String group) {
        return lags.stream().filter(l -> l.group().equals(group)).mapToLong(GroupLag::lag).sum();
    }

    public long lag(String group, Collection<String> topics) {
        return lags.stream().filter(l -> l.group().equals(group) && topics.contains(l.topic()))
                .mapToLong(GroupLag::lag).sum();
    }

    public static ClusterHealth read(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long now = System.currentTimeMillis();
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = get(cluster.nodes());
        Node controller = get(cluster.controller());
        List<Broker> brokers = nodes.stream().sorted(Comparator.comparingInt(Node::id))
                .map(n -> new Broker(n.id(), n.host() + ":" + n.port())).toList();

        // Internal topics too: a consumer-offsets or transaction-state partition without its ISR matters most.
        Set<String> names = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> topics = get(admin.describeTopics(names).allTopicNames());
        int total = 0;
        int under = 0;
        int offline = 0;
        List<String> examples = new ArrayList<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : new TreeMap<>(topics).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                total++;
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                boolean noLeader = p.leader() == null || p.leader().isEmpty();
                boolean shortIsr = p.isr().size() < p.replicas().size();
                offline += noLeader ? 1 : 0;
                under += shortIsr ? 1 : 0;
                if ((noLeader || shortIsr) && examples.size() < Partitions.EXAMPLES) {
                    examples.add(d.name() + "-" + p.partition() + (noLeader ? " no leader" : " isr "
                            + p.isr().stream().map(Node::id).toList() + " of " + p.replicas().stream().map(Node::id).toList()));
                }
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<String, Long> endByTopic = new TreeMap<>();
        ends.forEach((tp, o) -> endByTopic.merge(tp.topic(), o, Long::sum));

        return new ClusterHealth(now, brokers, controller == null ? -1 : controller.id(),
                new Partitions(topics.size(), total, under, offline, examples), lags(admin, ends),
                logDirs(admin, brokers), endByTopic);
    }

    private static List<GroupLag> lags(Admin admin, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException, TimeoutException {
        Collection<GroupListing> groups = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(admin.listConsumerGroupOffsets(specs).all());
        List<GroupLag> out = new ArrayList<>();
        new TreeMap<>(committed).forEach((group, offsets) -> {
            Map<String, Long> byTopic = new TreeMap<>();
            offsets.forEach((tp, c) -> {
                Long end = ends.get(tp);
                if (c != null && end != null) {
                    byTopic.merge(tp.topic(), Math.max(0, end - c.offset()), Long::sum);
                }
            });
            byTopic.forEach((topic, lag) -> out.add(new GroupLag(group, topic, lag)));
        });
        return out;
    }

    private static List<LogDir> logDirs(Admin admin, List<Broker> brokers)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<Integer> ids = new HashSet<>();
        brokers.forEach(b -> ids.add(b.id()));
        Map<Integer, Map<String, LogDirDescription>> dirs = get(admin.describeLogDirs(ids).allDescriptions());
        List<LogDir> out = new ArrayList<>();
        new TreeMap<>(dirs).forEach((broker, byDir) -> new TreeMap<>(byDir).forEach((dir, d) -> {
            if (d.totalBytes().isPresent() && d.usableBytes().isPresent()) {
                out.add(new LogDir(broker, dir, d.totalBytes().getAsLong(), d.usableBytes().getAsLong()));
            }
        }));
        return out;
    }

    private static <T> T get(KafkaFuture<T> f)
            throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(CALL_SECONDS, TimeUnit.SECONDS);
    }
}
