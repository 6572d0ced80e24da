package dev.streaminglab.connect;

import dev.streaminglab.domain.Device;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The device registry as a CSV file ({@code datasets/device-registry.csv}): a header naming the fields of
 * {@link Device} in order, then one device per row. Parsing splits good rows from bad ones (with the line number
 * and the reason) so that one typo neither stops the registry nor vanishes unnoticed.
 */
public final class RegistryFile {
    public static final String HEADER = String.join(",", RecordSchemas.fieldNames(Device.class));

    /** A parsed row; {@code line} is the row's text, which the source task compares to spot changes. */
    public record Row(int lineNumber, String line, Device device) {
    }

    public record BadRow(int lineNumber, String line, String reason) {
    }

    public record Parsed(List<Row> rows, List<BadRow> bad) {
    }

    private RegistryFile() {
    }

    /** Fails only when the header is wrong: then no row can be trusted. */
    public static Parsed parse(List<String> lines, String fileName) {
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new ConnectException("the first line of " + fileName + " must be the header '" + HEADER + "', found '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            try {
                Device d = device(line);
                if (!seen.add(d.deviceId())) {
                    bad.add(new BadRow(lineNumber, line, "device '" + d.deviceId() + "' appears twice; the first row counts"));
                } else {
                    rows.add(new Row(lineNumber, line, d));
                }
            } catch (IllegalArgumentException e) {
                bad.add(new BadRow(lineNumber, line, e.getMessage()));
            }
        }
        return new Parsed(rows, bad);
    }

    private static Device device(String line) {
        String[] f = line.split(",", -1);
        if (f.length != Device.class.getRecordComponents().length) {
            throw new IllegalArgumentException("expected " + Device.class.getRecordComponents().length
                    + " comma-separated fields (" + HEADER + "), found " + f.length);
        }
        for (int i = 0; i < 4; i++) {
            if (f[i].isBlank()) {
                throw new IllegalArgumentException("field '" + RecordSchemas.fieldNames(Device.class).get(i) + "' is empty");
            }
        }
        return new Device(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), number(f, 4), number(f, 5),
                number(f, 6), number(f, 7), number(f, 8));
    }

    private static double number(String[] f, int i) {
        try {
            return Double.parseDouble(f[i].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + RecordSchemas.fieldNames(Device.class).get(i)
                    + "' should be a number, found '" + f[i] + "'");
        }
    }
}
