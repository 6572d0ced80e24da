package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.Resources;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Prometheus JMX exporter as a Java agent: every JVM the kit starts (KRaft node, Connect worker, Streams
 * instance) serves its curated Kafka metrics and its own heap, GC and resident memory on
 * {@code http://127.0.0.1:PORT/metrics}, for Prometheus to scrape. The jar comes from Maven Central through the
 * build ({@code target/agents}, copied by the dependency plugin); the rules are {@code monitoring/jmx-exporter.yml}
 * (one file for all three kinds of JVM: a rule whose MBeans a JVM lacks matches nothing there).
 */
public final class MetricsAgent {
    /** Rules of the exporter, a resource of the library (the Ansible role installs the same file). */
    public static final String RULES = "monitoring/jmx-exporter.yml";
    /** A node's exporter listens this far above its broker port (controllers are at +100). */
    public static final int BROKER_OFFSET = 200;
    /** A Connect worker's exporter listens this far above its REST port. */
    public static final int CONNECT_OFFSET = 100;

    private MetricsAgent() {
    }

    /** The agent's jar in the checkout's build folder. */
    public static Path jar() {
        Path jar = LabHome.requireCheckout().resolve("target/agents/jmx_prometheus_javaagent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new LabException("the Prometheus JMX exporter is missing (" + jar + "): run './lab setup', whose "
                    + "Maven build fetches it");
        }
        return jar;
    }

    /**
     * The JVM option that loads the agent, serving on {@code host:port}; the rules are written to {@code dir}
     * (beside the process's other files, so a running process never sees them change).
     */
    public static String jvmOption(String host, int port, Path dir) {
        return "-javaagent:" + jar() + "=" + host + ":" + port + ":" + Resources.copy(RULES, dir.resolve("jmx-exporter.yml"));
    }

}
