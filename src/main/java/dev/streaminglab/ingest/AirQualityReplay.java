package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.ReadingLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * The UCI air-quality file, as is, turned into readings of device {@code airquality-1}: one record per row,
 * defects included, so that validation meets real sensor faults. Temperature is column {@code T}, humidity
 * {@code RH}; light and voltage do not exist (null). A {@code -200} ("missing" in this data set) stays -200 and
 * validation refuses it as out of range; an empty row becomes a reading with every measure and the timestamp
 * missing.
 *
 * <p>Time zone: the file gives local time without zone or DST marker. We read it as UTC+01:00 (Italian
 * standard time) all year: a fixed offset keeps consecutive rows one hour apart, whereas Europe/Rome would
 * create a missing hour in March and a doubled one in October.
 */
public final class AirQualityReplay {
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(1);
    public static final String DEVICE_ID = DeviceRegistry.AIR_QUALITY_ID;
    /** A replay sends an hour of the file's data per second unless told otherwise: a day in 24 s. */
    public static final double DEFAULT_SPEEDUP = 3600;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/M/d");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One row of the file and what it becomes. */
    public record Row(int line, Reading reading, RecordKind kind) {
    }

    private final Path file;
    private final List<Row> rows;

    private AirQualityReplay(Path file, List<Row> rows) {
        this.file = file;
        this.rows = rows;
    }

    public static Path defaultFile() {
        return LabHome.requireCheckout().resolve("datasets/AirQualityUCI.csv");
    }

    public static AirQualityReplay load() {
        return load(defaultFile());
    }

    public static AirQualityReplay load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage() + " (pass --file PATH)", e);
        }
        if (lines.isEmpty()) {
            throw new LabException(file + " is empty: expected the UCI air-quality CSV with a header line");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int date = column(header, "Date", file);
        int time = column(header, "Time", file);
        int temp = column(header, "T", file);
        int humidity = column(header, "RH", file);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            long seq = i;
            if (Arrays.stream(f).allMatch(String::isBlank)) {
                rows.add(new Row(i + 1, new Reading(DEVICE_ID, null, null, null, null, null, seq), RecordKind.MISSING_FIELD));
                continue;
            }
            Reading r = new Reading(DEVICE_ID, timestamp(f, date, time, file, i + 1), number(f, temp, file, i + 1),
                    number(f, humidity, file, i + 1), null, null, seq);
            rows.add(new Row(i + 1, r, kind(r)));
        }
        return new AirQualityReplay(file, List.copyOf(rows));
    }

    private static RecordKind kind(Reading r) {
        if (r.timestamp() == null || r.temperature() == null || r.humidity() == null) {
            return RecordKind.MISSING_FIELD;
        }
        if (!ReadingLimits.TEMPERATURE_C.contains(r.temperature()) || !ReadingLimits.HUMIDITY_PCT.contains(r.humidity())) {
            return RecordKind.OUT_OF_RANGE;
        }
        return RecordKind.VALID;
    }

    public Path file() {
        return file;
    }

    /** Every row after the header, empty ones included. */
    public List<Row> rows() {
        return rows;
    }

    public long emptyRows() {
        return rows.stream().filter(r -> r.reading().timestamp() == null && r.reading().temperature() == null).count();
    }

    /** Rows whose temperature or humidity is the -200 "missing" marker. */
    public long missingMarkerRows() {
        return rows.stream().filter(r -> isMarker(r.reading().temperature()) || isMarker(r.reading().humidity())).count();
    }

    public Instant first() {
        return rows.stream().map(r -> r.reading().timestamp()).filter(t -> t != null).findFirst()
                .map(Instant::ofEpochMilli)
                .orElseThrow(() -> new LabException(file + " has no row with a date and time"));
    }

    public Instant last() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Long t = rows.get(i).reading().timestamp();
            if (t != null) {
                return Instant.ofEpochMilli(t);
            }
        }
        throw new LabException(file + " has no row with a date and time");
    }

    /**
     * The rows as records. An empty row has no event time: it keeps the previous row's, so that pacing by event
     * time sends it right after its predecessor.
     */
    public List<OutgoingRecord> records() {
        List<OutgoingRecord> out = new ArrayList<>(rows.size());
        long previous = first().toEpochMilli();
        for (Row row : rows) {
            long t = row.reading().timestamp() != null ? row.reading().timestamp() : previous;
            out.add(new OutgoingRecord(DEVICE_ID, Json.bytes(row.reading()), row.kind(), t, t));
            previous = t;
        }
        return out;
    }

    /** Temperature over the year; -200 markers and empty rows left out, as validation will leave them out. */
    public XYChart temperatureChart() {
        List<Row> valid = rows.stream().filter(r -> r.kind() == RecordKind.VALID).toList();
        XYChart chart = Charts.lines("Air-quality device: temperature (valid rows of " + file.getFileName() + ")",
                "local time (UTC+01:00)", "°C");
        chart.addSeries("T", valid.stream().map(r -> new Date(r.reading().timestamp())).toList(),
                valid.stream().map(r -> r.reading().temperature()).toList());
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setDatePattern("yyyy-MM");
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    public String describe() {
        return String.format("%s: %d rows after the header, %d empty, %d with -200 in T or RH, %d valid; %s .. %s",
                file.getFileName(), rows.size(), emptyRows(), missingMarkerRows(),
                rows.stream().filter(r -> r.kind() == RecordKind.VALID).count(),
                first().atOffset(ZONE).toLocalDateTime(), last().atOffset(ZONE).toLocalDateTime());
    }

    private static boolean isMarker(Double v) {
        return v != null && v == SyntheticTelemetry.MISSING_MARKER;
    }

    private static int column(List<String> header, String name, Path file) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new LabException(file + " has no column '" + name + "' in its header: expected the UCI air-quality CSV");
        }
        return i;
    }

    private static Long timestamp(String[] f, int date, int time, Path file, int line) {
        if (f[date].isBlank() || f[time].isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(f[date], DATE).atTime(LocalTime.parse(f[time], TIME)).toInstant(ZONE).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new LabException(file + " line " + line + ": cannot read date/time '" + f[date] + " " + f[time]
                    + "' (expected yyyy/m/d and HH:MM:SS)", e);
        }
    }

    private static Double number(String[] f, int column, Path file, int line) {
        if (column >= f.length || f[column].isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(f[column]);
        } catch (NumberFormatException e) {
            throw new LabException(file + " line " + line + ": '" + f[column] + "' is not a number", e);
        }
    }
}
