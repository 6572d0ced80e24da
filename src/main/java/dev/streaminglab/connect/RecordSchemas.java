package dev.streaminglab.connect;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas for the kit's domain records ({@code WindowStats}, {@code Alert}, {@code Device}), derived from
 * the record's components so that the Java record stays the one definition of each value. Primitive components
 * and strings are required; boxed numbers are optional, as a sensor may lack a channel. Enums travel as their name.
 */
public final class RecordSchemas {
    private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();

    private RecordSchemas() {
    }

    public static Schema of(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new DataException(recordType.getName() + " is not a Java record");
        }
        return CACHE.computeIfAbsent(recordType, t -> {
            SchemaBuilder b = SchemaBuilder.struct().name(t.getName());
            for (RecordComponent c : t.getRecordComponents()) {
                b.field(c.getName(), fieldSchema(c.getType()));
            }
            return b.build();
        });
    }

    public static List<String> fieldNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /**
     * The struct for a JSON object as the JsonConverter hands it over without a schema (a map of strings,
     * longs, doubles). A missing required field or a value of the wrong kind is a {@link DataException} naming the
     * field, which Connect's error handling sends to the dead-letter topic.
     */
    public static Struct toStruct(Class<?> recordType, Map<?, ?> json) {
        Schema schema = of(recordType);
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
            Object raw = json.get(f.name());
            if (raw == null) {
                if (!f.schema().isOptional()) {
                    throw new DataException("field '" + f.name() + "' of " + recordType.getSimpleName() + " is missing");
                }
                continue;
            }
            s.put(f, convert(recordType, f, raw));
        }
        s.validate();
        return s;
    }

    private static Object convert(Class<?> recordType, Field f, Object raw) {
        Schema.Type type = f.schema().type();
        if (type == Schema.Type.STRING) {
            Class<?> component = componentType(recordType, f.name());
            String text = raw.toString();
            if (component.isEnum() && Arrays.stream(component.getEnumConstants()).noneMatch(e -> e.toString().equals(text))) {
                throw new DataException("field '" + f.name() + "' is '" + text + "', not one of "
                        + Arrays.toString(component.getEnumConstants()));
            }
            return text;
        }
        if (!(raw instanceof Number n)) {
            throw new DataException("field '" + f.name() + "' should be a number, got '" + raw + "'");
        }
        return switch (type) {
            case INT64 -> {
                if (n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new DataException("field '" + f.name() + "' should be a whole number, got " + n);
                }
                yield n.longValue();
            }
            case INT32 -> n.intValue();
            case FLOAT64 -> n.doubleValue();
            default -> throw new DataException("unsupported field type " + type + " of '" + f.name() + "'");
        };
    }

    private static Class<?> componentType(Class<?> recordType, String name) {
        return Arrays.stream(recordType.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow().getType();
    }

    private static Schema fieldSchema(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return Schema.STRING_SCHEMA;
        }
        if (type == long.class) {
            return Schema.INT64_SCHEMA;
        }
        if (type == int.class) {
            return Schema.INT32_SCHEMA;
        }
        if (type == double.class) {
            return Schema.FLOAT64_SCHEMA;
        }
        if (type == Long.class) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        if (type == Double.class) {
            return Schema.OPTIONAL_FLOAT64_SCHEMA;
        }
        throw new DataException("no Connect schema for component type " + type.getName());
    }
}
