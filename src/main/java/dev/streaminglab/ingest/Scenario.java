package dev.streaminglab.ingest;

import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.domain.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A small run of the generator with every incident planted at a known place, for notebooks, workshops and tests
 * that must know exactly what went in: the generator's devices and physics (a few lab motes, renamed under a run
 * prefix so runs share a cluster without mixing), one malformed record of each kind, late readings, and two
 * incidents the alerts must catch: one device overheating for {@link #OVERHEAT_READINGS} readings in a row from
 * 40 % of the span, and one spike on the last device at 60 %. Same arguments, same records.
 *
 * @param records the raw telemetry in send order, with what the generator meant each record to be
 */
public record Scenario(DeviceRegistry registry, List<OutgoingRecord> records) {
    /** One more than an alert needs, so the threshold alert fires once and the run goes on. */
    public static final int OVERHEAT_READINGS = Alert.CONSECUTIVE_BREACHES + 1;
    /** An overheating reading lies this far above the device's threshold. */
    static final double OVERHEAT_ABOVE_C = 2;
    /** A spike lies this far above the device's reading: dozens of its standard deviations. */
    static final double SPIKE_C = 3;
    /** Late readings planted in every scenario. */
    public static final int LATE_READINGS = 3;

    /**
     * {@code devices} lab motes over {@code sites} sites (ids {@code PREFIX-mote-N}), each reporting every
     * {@code interval} of event time on average, over {@code span} from {@code start}.
     */
    public static Scenario workshop(String prefix, int devices, int sites, Instant start, Duration span,
            Duration interval, long seed) {
        DeviceRegistry registry = DeviceRegistry.lab(devices, sites).withIdPrefix(prefix + "-");
        long count = span.toMillis() / interval.toMillis() * devices;
        double malformed = (double) RecordKind.malformedKinds().size() / count;
        GeneratorSettings settings = GeneratorSettings.defaults().withDevices(devices).withCount(count)
                .withDefects(0, (double) LATE_READINGS / count, malformed).withSeed(seed).withStart(start)
                .withInterval(interval);
        List<OutgoingRecord> generated = new ArrayList<>();
        new SyntheticTelemetry(settings, registry, start.toEpochMilli()).forEachRemaining(generated::add);
        return new Scenario(registry, plantIncidents(generated, registry.devices(), start, span));
    }

    /** The overheating run on the first device, then the spike on the last, among its valid readings. */
    private static List<OutgoingRecord> plantIncidents(List<OutgoingRecord> records, List<Device> devices,
            Instant start, Duration span) {
        Device hot = devices.get(0);
        Device spiking = devices.get(devices.size() - 1);
        long overheatFrom = start.toEpochMilli() + span.toMillis() * 4 / 10;
        long spikeAt = start.toEpochMilli() + span.toMillis() * 6 / 10;
        int overheated = 0;
        boolean spiked = false;
        List<OutgoingRecord> out = new ArrayList<>(records.size());
        for (OutgoingRecord r : records) {
            if (r.kind() == RecordKind.VALID && r.key().equals(hot.deviceId()) && r.eventTime() >= overheatFrom
                    && overheated < OVERHEAT_READINGS) {
                overheated++;
                r = withTemperature(r, hot.tempMaxC() + OVERHEAT_ABOVE_C);
            } else if (r.kind() == RecordKind.VALID && r.key().equals(spiking.deviceId()) && r.eventTime() >= spikeAt
                    && !spiked) {
                spiked = true;
                Reading reading = Json.read(r.value(), Reading.class);
                r = withTemperature(r, reading.temperature() + SPIKE_C);
            }
            out.add(r);
        }
        return out;
    }

    private static OutgoingRecord withTemperature(OutgoingRecord r, double celsius) {
        Reading x = Json.read(r.value(), Reading.class);
        Reading changed = new Reading(x.deviceId(), x.timestamp(), SyntheticTelemetry.round(celsius), x.humidity(),
                x.light(), x.voltage(), x.seq());
        return new OutgoingRecord(r.key(), Json.bytes(changed), r.kind(), r.eventTime(), r.clock());
    }

    public List<Device> devices() {
        return registry.devices();
    }

    /** How many records of each kind the scenario holds: what the pipeline must accept, hold back or refuse. */
    public Map<RecordKind, Long> counts() {
        Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        records.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
        return counts;
    }

    /** The records as they go to {@code telemetry.raw}. */
    public List<ProducerRecord<String, byte[]>> telemetry() {
        return records.stream().map(r -> new ProducerRecord<>(TopicNames.TELEMETRY_RAW, r.key(), r.value())).toList();
    }
}
