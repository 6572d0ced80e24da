package dev.streaminglab.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Reads the registry file whenever it changes and emits what changed since the last emitted state. That state
 * (device id to row text) is the source offset, which Connect commits with the records: after a restart, or on
 * another worker, the task resumes from it and re-sends nothing that is already in the topic.
 */
public class RegistryFileSourceTask extends SourceTask {
    static final String STATE_KEY = "rows";
    static final String DEAD_LETTER_STAGE = "connect-registry-source";

    private Path file;
    private String topic;
    private String deadLetterTopic;
    private long pollIntervalMs;
    private Map<String, String> partition;
    private Map<String, String> emitted = new LinkedHashMap<>();
    private FileTime lastModified;
    private long lastSize = -1;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(RegistryFileSource.CONFIG, props);
        file = Path.of(config.getString(RegistryFileSource.FILE_CONFIG));
        topic = config.getString(RegistryFileSource.TOPIC_CONFIG);
        deadLetterTopic = config.getString(RegistryFileSource.DEAD_LETTER_TOPIC_CONFIG);
        pollIntervalMs = config.getLong(RegistryFileSource.POLL_INTERVAL_CONFIG);
        partition = Map.of("file", file.toAbsolutePath().normalize().toString());
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        if (offset != null && offset.get(STATE_KEY) != null) {
            emitted = readState(offset.get(STATE_KEY).toString());
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!changedSinceLastRead()) {
            stopped.await(pollIntervalMs, TimeUnit.MILLISECONDS);
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConnectException("cannot read the registry file " + file + ": " + e.getMessage(), e);
        }
        return changes(RegistryFile.parse(lines, file.toString()));
    }

    /** The records that bring the topic from the emitted state to the file's content. */
    List<SourceRecord> changes(RegistryFile.Parsed parsed) {
        Map<String, String> next = new LinkedHashMap<>();
        List<RegistryFile.Row> changed = new ArrayList<>();
        for (RegistryFile.Row row : parsed.rows()) {
            next.put(row.device().deviceId(), row.line());
            if (!row.line().equals(emitted.get(row.device().deviceId()))) {
                changed.add(row);
            }
        }
        // A row that no longer parses keeps its last good version: a typo must not delete a device.
        Set<String> idsOfBadRows = new HashSet<>();
        parsed.bad().forEach(b -> idsOfBadRows.add(b.line().split(",", 2)[0].strip()));
        emitted.forEach((id, line) -> {
            if (!next.containsKey(id) && idsOfBadRows.contains(id)) {
                next.put(id, line);
            }
        });
        Map<String, ?> offset = Map.of(STATE_KEY, Json.text(next));
        List<SourceRecord> records = new ArrayList<>();
        for (RegistryFile.Row row : changed) {
            records.add(new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, row.device().deviceId(),
                    RecordSchemas.of(Device.class), struct(row.device())));
        }
        for (String id : emitted.keySet()) {
            if (!next.containsKey(id)) {
                records.add(new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, id, null, null));
            }
        }
        for (RegistryFile.BadRow bad : parsed.bad()) {
            records.add(deadLetter(bad, offset));
        }
        emitted = next;
        return records;
    }

    private SourceRecord deadLetter(RegistryFile.BadRow bad, Map<String, ?> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(DeadLetterHeaders.REASON, DeadLetterReason.BAD_REGISTRY_ROW.name());
        headers.addString(DeadLetterHeaders.DETAIL, "line " + bad.lineNumber() + " of " + file + ": " + bad.reason());
        headers.addString(DeadLetterHeaders.STAGE, DEAD_LETTER_STAGE);
        headers.addString(DeadLetterHeaders.SOURCE_FILE, file.toString());
        headers.addString(DeadLetterHeaders.SOURCE_LINE, Integer.toString(bad.lineNumber()));
        return new SourceRecord(partition, offset, deadLetterTopic, null, null, null, Schema.STRING_SCHEMA,
                bad.line(), null, headers);
    }

    private static Struct struct(Device d) {
        Struct s = new Struct(RecordSchemas.of(Device.class));
        for (RecordComponent c : Device.class.getRecordComponents()) {
            try {
                s.put(c.getName(), c.getAccessor().invoke(d));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    private boolean changedSinceLastRead() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            boolean changed = !modified.equals(lastModified) || size != lastSize;
            lastModified = modified;
            lastSize = size;
            return changed;
        } catch (IOException e) {
            throw new ConnectException("the registry file " + file + " is gone (" + e.getMessage()
                    + "): put it back, then restart the connector", e);
        }
    }

    private static Map<String, String> readState(String json) {
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new ConnectException("the stored offset of the registry source is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }
}
