package dev.streaminglab.cluster;

import java.util.List;

/**
 * Where a local node listens and how its JVM is launched. {@link #LOOPBACK}: every node on 127.0.0.1, started
 * directly. {@link NamespaceNetwork}: each node in a network namespace of its own, so that an experiment can cut
 * one off from the others.
 */
public interface NodeNetwork {
    NodeNetwork LOOPBACK = new NodeNetwork() {
        @Override
        public String host(int node) {
            return "127.0.0.1";
        }

        @Override
        public List<String> launcher(int node) {
            return List.of();
        }
    };

    /** The address node {@code node} (from 1) binds and advertises. */
    String host(int node);

    /** The command that runs node {@code node}'s JVM in its place (empty: run it directly). */
    List<String> launcher(int node);
}
