package dev.streaminglab.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector: the device registry CSV file into the compacted {@code devices} topic, keyed by device id,
 * one record per new or changed row and a tombstone per removed row, so that editing the file updates the
 * pipeline's enrichment while everything keeps running.
 *
 * <p>Why our own: Kafka's FileStreamSource only tails appended lines, without keys, and is documented as an
 * example; spooldir-style connectors consume and move the file. Neither turns "edit a row" into "one keyed
 * update". This one is about a hundred lines, tested in {@code RegistryFileSourceTaskTest}. One task: the file
 * is one unit.
 */
public class RegistryFileSource extends SourceConnector {
    public static final String FILE_CONFIG = "file";
    public static final String TOPIC_CONFIG = "topic";
    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(FILE_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the registry CSV file (absolute path)")
            .define(TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "topic of the registry (compacted)")
            .define(DEAD_LETTER_TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "topic for rows that cannot be parsed, with the reason in headers")
            .define(POLL_INTERVAL_CONFIG, ConfigDef.Type.LONG, 1000L, ConfigDef.Importance.LOW,
                    "how often to check the file for changes");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        CONFIG.parse(props);
        Path file = Path.of(props.get(FILE_CONFIG));
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(FILE_CONFIG, file.toString(), "the registry file does not exist: fix the path in "
                    + "the connector's configuration (connect/connectors/device-registry-source.json)");
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RegistryFileSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }
}
