package dev.streaminglab.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Single Message Transform: gives a schemaless JSON value (a map, as the JsonConverter with
 * {@code schemas.enable=false} reads the pipeline's topics) the Connect schema of one of the kit's domain
 * records, e.g. {@code record=dev.streaminglab.domain.WindowStats}. Sink connectors such as the JDBC sink need
 * that schema to know the columns; the pipeline keeps plain JSON on the wire, readable by kcat and Python.
 *
 * <p>A value that does not fit (a missing field, text where a number belongs) raises a {@link DataException};
 * with {@code errors.tolerance=all} Connect sends the record to the dead-letter topic with the reason in headers.
 * Tombstones pass unchanged.
 */
public class AttachSchema<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String RECORD_CONFIG = "record";
    private static final ConfigDef CONFIG = new ConfigDef().define(RECORD_CONFIG, ConfigDef.Type.CLASS,
            ConfigDef.Importance.HIGH, "Java record class whose components name and type the value's fields");

    private Class<?> recordType;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(RECORD_CONFIG);
        if (value == null) {
            throw new DataException("AttachSchema needs '" + RECORD_CONFIG + "', e.g. dev.streaminglab.domain.WindowStats");
        }
        try {
            recordType = value instanceof Class<?> c ? c : Class.forName(value.toString());
        } catch (ClassNotFoundException e) {
            throw new DataException("AttachSchema: no class '" + value + "' on the worker's classpath", e);
        }
        RecordSchemas.of(recordType);
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        if (!(record.value() instanceof Map<?, ?> json)) {
            throw new DataException("AttachSchema expects a schemaless JSON object (a map), got "
                    + record.value().getClass().getSimpleName() + ": set value.converter.schemas.enable=false");
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                RecordSchemas.of(recordType), RecordSchemas.toStruct(recordType, json), record.timestamp());
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void close() {
    }
}
