package dev.streaminglab.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.ReadingLimits;
import dev.streaminglab.domain.Windowing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The synthetic records of a run, in send order, with no Kafka involved: the same settings, registry and start
 * give the same records. Readings follow a daily temperature cycle with per-device offset and drift; humidity
 * falls as temperature rises; lights are on in office hours; battery voltage sags with every reading.
 *
 * <p>Event time: record i is stamped {@code start + i × interval / devices}. An out-of-order record lies up to
 * {@code outOfOrderSpread} behind that clock, so every window it belongs to is still open. A late record lies
 * more than {@link #LATE_MIN_BEHIND} behind its own device's newest reading: that reading went to the same
 * partition (same key), so stream time has passed it and the late record's windows, hopping ones included,
 * have closed.
 */
public final class SyntheticTelemetry implements Iterator<OutgoingRecord> {
    /** Late against the widest window of the pipeline, so it is late for every aggregation, not just the tumbling one. */
    public static final Duration LATE_MIN_BEHIND = max(Windowing.TUMBLING, Windowing.HOPPING_SIZE).plus(Windowing.GRACE);
    /** Late records spread over this much time beyond {@link #LATE_MIN_BEHIND}. */
    public static final Duration LATE_SPREAD = Duration.ofMinutes(2);
    /** Duration-bound runs plan kinds in blocks of this many records (exact per block). */
    static final int PLAN_BLOCK = 10_000;
    static final int GHOST_DEVICES = 5;
    static final List<String> REQUIRED_FIELDS = List.of("deviceId", "timestamp", "seq", "temperature", "humidity");
    static final double MISSING_MARKER = -200;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final GeneratorSettings settings;
    private final DeviceRegistry registry;
    private final List<Device> devices;
    private final long startMillis;
    private final double stepMillis;
    private final double[] zipfCumulative;
    private final SplittableRandom kindRandom;
    private final SplittableRandom keyRandom;
    private final SplittableRandom timeRandom;
    private final SplittableRandom valueRandom;
    private final SplittableRandom defectRandom;
    private final DeviceState[] states;
    private final List<Integer> devicesWithHistory = new ArrayList<>();
    private final long[] ghostSeq = new long[GHOST_DEVICES];
    private KindPlan plan;
    private long index;

    public SyntheticTelemetry(GeneratorSettings settings, DeviceRegistry registry, long startMillis) {
        this.settings = settings;
        this.registry = registry;
        this.devices = registry.devices();
        this.startMillis = startMillis;
        this.stepMillis = (double) settings.interval().toMillis() / devices.size();
        SplittableRandom root = new SplittableRandom(settings.seed());
        kindRandom = root.split();
        keyRandom = root.split();
        timeRandom = root.split();
        valueRandom = root.split();
        defectRandom = root.split();
        zipfCumulative = settings.skew() == KeySkew.ZIPF ? zipfCumulative(devices.size(), settings.zipfExponent()) : null;
        states = new DeviceState[devices.size()];
        for (int d = 0; d < states.length; d++) {
            states[d] = new DeviceState(devices.get(d), valueRandom);
        }
    }

    @Override
    public boolean hasNext() {
        return settings.count() == 0 || index < settings.count();
    }

    @Override
    public OutgoingRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (plan == null || !plan.hasNext()) {
            long n = settings.count() > 0 ? settings.count() : PLAN_BLOCK;
            plan = new KindPlan(n, settings.outOfOrderFraction(), settings.lateFraction(), settings.malformedFraction(),
                    kindRandom);
        }
        long clock = startMillis + Math.round(index * stepMillis);
        index++;
        RecordKind kind = plan.next(!devicesWithHistory.isEmpty());
        int d = pickDevice();
        if (kind == RecordKind.LATE && states[d].newest == Long.MIN_VALUE) {
            d = devicesWithHistory.get(keyRandom.nextInt(devicesWithHistory.size()));
        }
        DeviceState state = states[d];
        long eventTime = switch (kind) {
            case OUT_OF_ORDER -> clock - 1 - timeRandom.nextLong(settings.outOfOrderSpread().toMillis());
            case LATE -> state.newest - LATE_MIN_BEHIND.toMillis() - 1 - timeRandom.nextLong(LATE_SPREAD.toMillis());
            default -> clock;
        };
        Reading reading = state.read(eventTime, valueRandom);
        if (kind == RecordKind.VALID || kind == RecordKind.OUT_OF_ORDER) {
            if (state.newest == Long.MIN_VALUE) {
                devicesWithHistory.add(d);
            }
            state.newest = Math.max(state.newest, eventTime);
        }
        return switch (kind) {
            case BAD_JSON -> new OutgoingRecord(reading.deviceId(), badJson(reading), kind, eventTime, clock);
            case MISSING_FIELD -> new OutgoingRecord(reading.deviceId(), withoutField(reading), kind, eventTime, clock);
            case OUT_OF_RANGE -> new OutgoingRecord(reading.deviceId(), Json.bytes(outOfRange(reading)), kind,
                    eventTime, clock);
            case UNKNOWN_DEVICE -> ghost(reading, eventTime, clock);
            default -> new OutgoingRecord(reading.deviceId(), Json.bytes(reading), kind, eventTime, clock);
        };
    }

    /** Index into the registry: uniform, or Zipf where device k (from 1) is drawn with weight 1/k^s. */
    private int pickDevice() {
        if (zipfCumulative == null) {
            return keyRandom.nextInt(devices.size());
        }
        int i = Arrays.binarySearch(zipfCumulative, keyRandom.nextDouble());
        return Math.min(i >= 0 ? i + 1 : -i - 1, devices.size() - 1);
    }

    static double[] zipfCumulative(int n, double exponent) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, exponent);
            c[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    /** Three ways devices garble a payload: cut short, not JSON at all, JSON but not an object. */
    private byte[] badJson(Reading r) {
        String json = Json.text(r);
        String text = switch (defectRandom.nextInt(3)) {
            case 0 -> json.substring(0, 1 + defectRandom.nextInt(json.length() - 1));
            case 1 -> r.deviceId() + " t=" + r.temperature() + " h=" + r.humidity();
            default -> "[\"" + r.deviceId() + "\"," + r.temperature() + "," + r.humidity() + "]";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withoutField(Reading r) {
        ObjectNode node = Json.MAPPER.valueToTree(r);
        node.remove(REQUIRED_FIELDS.get(defectRandom.nextInt(REQUIRED_FIELDS.size())));
        return Json.bytes(node);
    }

    /** One measure out of its range: below it, the -200 "missing" marker real sensors (and the UCI data) send. */
    private Reading outOfRange(Reading r) {
        int measure = defectRandom.nextInt(4);
        ReadingLimits.Range range = switch (measure) {
            case 0 -> ReadingLimits.TEMPERATURE_C;
            case 1 -> ReadingLimits.HUMIDITY_PCT;
            case 2 -> ReadingLimits.LIGHT_LUX;
            default -> ReadingLimits.VOLTAGE_V;
        };
        double v = defectRandom.nextBoolean() ? MISSING_MARKER : round(range.max() + 1 + defectRandom.nextDouble(range.max()));
        return switch (measure) {
            case 0 -> new Reading(r.deviceId(), r.timestamp(), v, r.humidity(), r.light(), r.voltage(), r.seq());
            case 1 -> new Reading(r.deviceId(), r.timestamp(), r.temperature(), v, r.light(), r.voltage(), r.seq());
            case 2 -> new Reading(r.deviceId(), r.timestamp(), r.temperature(), r.humidity(), v, r.voltage(), r.seq());
            default -> new Reading(r.deviceId(), r.timestamp(), r.temperature(), r.humidity(), r.light(), v, r.seq());
        };
    }

    private OutgoingRecord ghost(Reading r, long eventTime, long clock) {
        int g = defectRandom.nextInt(GHOST_DEVICES);
        String id = registry.ghostId(g + 1);
        Reading ghost = new Reading(id, r.timestamp(), r.temperature(), r.humidity(), r.light(), r.voltage(), ++ghostSeq[g]);
        return new OutgoingRecord(id, Json.bytes(ghost), RecordKind.UNKNOWN_DEVICE, eventTime, clock);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One device's physical state: where it sits sets its base temperature; drift wanders slowly. */
    private static final class DeviceState {
        private static final double DRIFT_LIMIT = 3;
        private final String id;
        private final double baseC;
        private double drift;
        private long seq;
        private long newest = Long.MIN_VALUE;

        DeviceState(Device device, SplittableRandom random) {
            id = device.deviceId();
            // The lab's west side (large x) runs warmer: a gradient of 3 °C across it, plus the mote's own bias.
            baseC = 19 + 3 * device.x() / DeviceRegistry.LAB_WIDTH + random.nextDouble(-1, 1);
        }

        Reading read(long eventTime, SplittableRandom random) {
            double dayFraction = Math.floorMod(eventTime, DAY_MS) / (double) DAY_MS;
            // Coldest around 03:00, warmest around 15:00.
            double daily = 3 * Math.sin(2 * Math.PI * (dayFraction - 0.375));
            drift = Math.max(-DRIFT_LIMIT, Math.min(DRIFT_LIMIT, drift + 0.02 * random.nextGaussian()));
            double temp = clamp(baseC + daily + drift + 0.1 * random.nextGaussian(), ReadingLimits.TEMPERATURE_C);
            double humidity = clamp(45 - 1.5 * (temp - 20) + 0.5 * random.nextGaussian(), ReadingLimits.HUMIDITY_PCT);
            boolean officeHours = dayFraction >= 8 / 24.0 && dayFraction < 19 / 24.0;
            double light = clamp(officeHours ? 450 + 50 * random.nextGaussian() : 10 + 3 * random.nextGaussian(),
                    ReadingLimits.LIGHT_LUX);
            seq++;
            double voltage = clamp(2.95 - 0.000005 * seq - 0.01 * Math.abs(random.nextGaussian()), new ReadingLimits.Range(2.0, 3.0));
            return new Reading(id, eventTime, round(temp), round(humidity), round(light), round(voltage), seq);
        }

        private static double clamp(double v, ReadingLimits.Range range) {
            return Math.max(range.min(), Math.min(range.max(), v));
        }
    }
}
