package dev.streaminglab.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.WindowStats;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The kit's SMT on values exactly as the JsonConverter (schemas.enable=false) hands them to a sink. */
class AttachSchemaTest {
    @Test
    void aWindowStatsJsonBecomesAStructWithTheRecordsFieldsAndTypes() {
        WindowStats s = new WindowStats("mote-3", 1_764_000_000_000L, 1_764_000_060_000L, 12, 19.5, 22, 20.75, 41.25);
        Struct v = (Struct) transform(WindowStats.class, Json.text(s)).value();
        assertThat(v.schema().name()).isEqualTo("dev.streaminglab.domain.WindowStats");
        assertThat(v.schema().field("windowStart").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(v.schema().field("temperatureAvg").schema()).isEqualTo(Schema.FLOAT64_SCHEMA);
        assertThat(v.getString("key")).isEqualTo("mote-3");
        assertThat(v.getInt64("windowStart")).isEqualTo(1_764_000_000_000L);
        assertThat(v.getInt64("count")).isEqualTo(12L);
        // 22 arrives as a JSON integer; the schema says double.
        assertThat(v.getFloat64("temperatureMax")).isEqualTo(22.0);
        assertThat(v.getFloat64("humidityAvg")).isEqualTo(41.25);
    }

    @Test
    void enumsTravelAsTheirNamesAndAnUnknownNameIsRefused() {
        Alert a = new Alert("mote-1", "site-2", Alert.Type.SILENT, Alert.Severity.CRITICAL, 5, 120, "no reading for 120 s");
        Struct v = (Struct) transform(Alert.class, Json.text(a)).value();
        assertThat(v.getString("type")).isEqualTo("SILENT");
        assertThat(v.getString("severity")).isEqualTo("CRITICAL");
        String bad = Json.text(a).replace("CRITICAL", "SEVERE");
        assertThatThrownBy(() -> transform(Alert.class, bad)).isInstanceOf(DataException.class)
                .hasMessage("field 'severity' is 'SEVERE', not one of [WARNING, CRITICAL]");
    }

    @Test
    void aMissingFieldOrTextForANumberIsADataExceptionNamingTheField() {
        assertThatThrownBy(() -> transform(WindowStats.class, "{\"key\":\"mote-1\",\"windowStart\":1}"))
                .isInstanceOf(DataException.class).hasMessage("field 'windowEnd' of WindowStats is missing");
        String text = Json.text(new WindowStats("k", 0, 1, 2, 3, 4, 5, 6)).replace("\"count\":2", "\"count\":\"two\"");
        assertThatThrownBy(() -> transform(WindowStats.class, text)).isInstanceOf(DataException.class)
                .hasMessage("field 'count' should be a number, got 'two'");
    }

    @Test
    void aTombstonePassesUnchanged() {
        AttachSchema<SinkRecord> t = configured(WindowStats.class);
        SinkRecord tombstone = new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", null, null, 0);
        assertThat(t.apply(tombstone)).isSameAs(tombstone);
    }

    private static SinkRecord transform(Class<?> type, String json) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        var value = converter.toConnectData("t", json.getBytes(StandardCharsets.UTF_8));
        return configured(type).apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", value.schema(), value.value(), 0));
    }

    private static AttachSchema<SinkRecord> configured(Class<?> type) {
        AttachSchema<SinkRecord> t = new AttachSchema<>();
        t.configure(Map.of(AttachSchema.RECORD_CONFIG, type.getName()));
        return t;
    }
}
