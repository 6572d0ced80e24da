package dev.streaminglab.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry source task without a worker: a file, its edits, and what the task emits for each. */
class RegistryFileSourceTaskTest {
    private static final String MOTE_1 = "mote-1,site-2,site-2-south,mica2dot,21.5,23,15,28,60";
    private static final String MOTE_2 = "mote-2,site-2,site-2-south,mica2dot,24.5,20,15,28,60";

    @TempDir
    Path dir;

    @Test
    void theWholeRegistryFileBecomesFiftyFiveKeyedRecordsWithExactFields() throws Exception {
        Path file = dir.resolve("registry.csv");
        Files.copy(ConnectorFiles.registryFile(), file);
        List<SourceRecord> records = startTask(file, new HashMap<>()).poll();
        assertThat(records).hasSize(55);
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo("devices"));
        SourceRecord first = records.get(0);
        assertThat(first.key()).isEqualTo("mote-1");
        Struct v = (Struct) first.value();
        assertThat(List.of(v.get("deviceId"), v.get("site"), v.get("room"), v.get("sensorType"), v.get("x"), v.get("y"),
                v.get("tempMinC"), v.get("tempMaxC"), v.get("humidityMaxPct")))
                .containsExactly("mote-1", "site-2", "site-2-south", "mica2dot", 21.5, 23.0, 15.0, 28.0, 60.0);
        assertThat(records.get(54).key()).isEqualTo("airquality-1");
    }

    @Test
    void onlyWhatChangedIsSentAndARestartFromTheOffsetSendsNothingAgain() throws Exception {
        Path file = write("registry.csv", MOTE_1, MOTE_2);
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        RegistryFileSourceTask task = startTask(file, offsets);
        List<SourceRecord> first = task.poll();
        assertThat(first).extracting(SourceRecord::key).containsExactly("mote-1", "mote-2");
        assertThat(task.poll()).as("unchanged file").isNull();

        write("registry.csv", MOTE_1.replace(",28,60", ",31.5,60"));
        List<SourceRecord> second = task.poll();
        assertThat(second).extracting(SourceRecord::key).containsExactly("mote-1", "mote-2");
        assertThat(((Struct) second.get(0).value()).getFloat64("tempMaxC")).isEqualTo(31.5);
        assertThat(second.get(1).value()).as("mote-2 removed: tombstone").isNull();

        // Connect commits the last record's offset; a new task (restart, other worker) starts from it.
        offsets.put(second.get(1).sourcePartition(), second.get(1).sourceOffset());
        assertThat(startTask(file, offsets).poll()).isEmpty();
    }

    @Test
    void aBadRowIsADeadLetterWithItsLineAndReasonAndKeepsTheDevicesLastGoodVersion() throws Exception {
        Path file = write("registry.csv", MOTE_1, MOTE_2);
        RegistryFileSourceTask task = startTask(file, new HashMap<>());
        task.poll();
        write("registry.csv", MOTE_1, "mote-2,site-2,site-2-south,mica2dot,24.5,twenty,15,28,60", MOTE_1);
        List<SourceRecord> records = task.poll();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo("connect.dlq"));
        assertThat(header(records.get(0), DeadLetterHeaders.REASON)).isEqualTo("BAD_REGISTRY_ROW");
        assertThat(header(records.get(0), DeadLetterHeaders.SOURCE_LINE)).isEqualTo("3");
        assertThat(header(records.get(0), DeadLetterHeaders.DETAIL)).endsWith("field 'y' should be a number, found 'twenty'");
        assertThat(header(records.get(1), DeadLetterHeaders.DETAIL)).endsWith("device 'mote-1' appears twice; the first row counts");
        assertThat(records.get(1).value()).isEqualTo(MOTE_1);
    }

    @Test
    void aWrongHeaderStopsTheTaskWithTheExpectedHeader() throws Exception {
        Path file = dir.resolve("registry.csv");
        Files.writeString(file, "id,site\nmote-1,site-1\n");
        RegistryFileSourceTask task = startTask(file, new HashMap<>());
        assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("must be the header '" + RegistryFile.HEADER + "'");
        assertThat(RegistryFile.HEADER).isEqualTo("deviceId,site,room,sensorType,x,y,tempMinC,tempMaxC,humidityMaxPct");
        assertThat(Device.class.getRecordComponents()).hasSize(9);
    }

    private Path write(String name, String... rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(RegistryFile.HEADER);
        lines.addAll(List.of(rows));
        Path file = dir.resolve(name);
        Files.write(file, lines);
        // Same size and same second as the previous content must still count as a change.
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + lines.hashCode()));
        return file;
    }

    private static RegistryFileSourceTask startTask(Path file, Map<Map<String, ?>, Map<String, ?>> offsets) {
        RegistryFileSourceTask task = new RegistryFileSourceTask();
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return (Map<String, Object>) offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                throw new UnsupportedOperationException();
            }
        };
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(Map.of("file", file.toString(), "topic", "devices", "dead.letter.topic", "connect.dlq",
                "poll.interval.ms", "10"));
        return task;
    }

    private static String header(SourceRecord r, String name) {
        return (String) r.headers().lastWithName(name).value();
    }
}
