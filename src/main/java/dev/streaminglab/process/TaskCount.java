package dev.streaminglab.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyDescription.Subtopology;

/**
 * How many tasks a topology makes, read from its description: Kafka Streams creates one task per sub-topology and
 * partition (the most partitions among its source topics), and a stream thread works on whole tasks. So "3
 * partitions, 3 threads" holds per sub-topology only: an application of 4 sub-topologies on 3 partitions has 12
 * tasks that up to 12 threads (over all its instances) can share. The global store is read by one more thread of
 * each instance, outside this count.
 *
 * @param perSubtopology tasks of each sub-topology, in the description's order
 */
public record TaskCount(List<Integer> perSubtopology) {

    public int total() {
        return perSubtopology.stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The tasks of {@code topology}, given the partitions of its external topics ({@code partitionsOf} answers a
     * negative number for a topic it does not know, i.e. one of the application's own repartition topics, which Kafka
     * Streams sizes like the largest input of the sub-topologies writing to it).
     */
    public static TaskCount of(TopologyDescription topology, ToIntFunction<String> partitionsOf) {
        List<Subtopology> subs = topology.subtopologies().stream()
                .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
        Map<Integer, Integer> tasks = new HashMap<>();
        List<Integer> out = new ArrayList<>();
        for (Subtopology s : subs) {
            out.add(tasks(s, subs, partitionsOf, tasks));
        }
        return new TaskCount(List.copyOf(out));
    }

    private static int tasks(Subtopology s, List<Subtopology> all, ToIntFunction<String> partitionsOf,
            Map<Integer, Integer> known) {
        Integer done = known.get(s.id());
        if (done != null) {
            return done;
        }
        int n = 0;
        for (String topic : sources(s)) {
            int p = partitionsOf.applyAsInt(topic);
            if (p < 0) {
                for (Subtopology writer : all) {
                    if (writer.id() != s.id() && sinks(writer).contains(topic)) {
                        p = Math.max(p, tasks(writer, all, partitionsOf, known));
                    }
                }
            }
            n = Math.max(n, p);
        }
        known.put(s.id(), n);
        return n;
    }

    private static Set<String> sources(Subtopology s) {
        return s.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
    }

    private static Set<String> sinks(Subtopology s) {
        return s.nodes().stream().filter(TopologyDescription.Sink.class::isInstance)
                .map(n -> ((TopologyDescription.Sink) n).topic()).collect(Collectors.toSet());
    }

    /** For a log line: "12 tasks (4 sub-topologies: 3 + 3 + 3 + 3)". */
    @Override
    public String toString() {
        return total() + " tasks (" + perSubtopology.size() + " sub-topologies: "
                + perSubtopology.stream().map(String::valueOf).collect(Collectors.joining(" + ")) + ")";
    }
}
