package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * How to reach a Kafka cluster: bootstrap servers plus optional client properties (TLS, SASL) from a file.
 * Every script, notebook and test builds its clients from one of these, so pointing the kit at a real
 * cluster is one flag.
 */
public record KafkaConnection(String bootstrap, Properties clientProperties) {
    /** How long a first contact may take before the kit says the cluster is unreachable. */
    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    public KafkaConnection {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new LabException("no bootstrap servers given: pass --bootstrap host:port[,host:port]");
        }
        clientProperties = copy(clientProperties);
    }

    public static KafkaConnection of(String bootstrap) {
        return new KafkaConnection(bootstrap, new Properties());
    }

    /** Adds the properties of a Kafka client config file (the same format as Kafka's --command-config). */
    public KafkaConnection withClientConfig(Path file) {
        if (file == null) {
            return this;
        }
        Properties p = copy(clientProperties);
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new LabException("cannot read client properties file " + file + ": " + e.getMessage(), e);
        }
        return new KafkaConnection(bootstrap, p);
    }

    public Properties adminProperties() {
        Properties p = base();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis() * 3);
        return p;
    }

    public Properties producerProperties() {
        Properties p = base();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        return p;
    }

    public Properties consumerProperties(String groupId) {
        Properties p = base();
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /** Properties for a Kafka Streams application (bootstrap and security only; the app adds the rest). */
    public Properties streamsProperties() {
        return base();
    }

    public Admin admin() {
        try {
            return Admin.create(adminProperties());
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    /**
     * Fails within {@link #REACH_TIMEOUT} with a message naming the address when no broker answers, instead
     * of the clients' default of retrying for a minute.
     */
    public Collection<Node> requireReachable() {
        Admin admin = admin();
        try {
            return admin.describeCluster().nodes().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (ExecutionException e) {
            throw new LabException("Kafka at " + bootstrap + " refused the connection: " + e.getCause().getMessage()
                    + " (check --bootstrap and --client-config)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while contacting Kafka at " + bootstrap, e);
        } finally {
            // Do not wait for the abandoned call: close() would otherwise block until its API timeout.
            admin.close(Duration.ZERO);
        }
    }

    private LabException unreachable(Exception cause) {
        return new LabException("cannot reach Kafka at " + bootstrap + " within " + REACH_TIMEOUT.toSeconds()
                + " s: start the local cluster with './lab cluster start', or check --bootstrap", cause);
    }

    private Properties base() {
        Properties p = copy(clientProperties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    private static Properties copy(Properties source) {
        Properties p = new Properties();
        if (source != null) {
            p.putAll(source);
        }
        return p;
    }
}
