package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The devices the generator speaks for, published to the compacted topic {@code devices} (key = device id,
 * value = {@link Device} JSON) so that the pipeline can tell known devices from unknown ones and enrich readings.
 *
 * <p>Lab devices sit at the 54 positions of the Intel Berkeley lab's motes ({@code mote-1} ...). Sites are bands
 * of equal width across the lab (by x), rooms split each site into a north half (y &lt; 16 m) and a south half.
 * A synthetic run with more than 54 devices places the extra ones at positions drawn from their own id, so a
 * given number of devices always yields the same registry.
 */
public final class DeviceRegistry {
    public static final String MOTE_PREFIX = "mote-";
    public static final String LAB_SENSOR = "mica2dot";
    public static final String AIR_QUALITY_ID = "airquality-1";
    public static final int DEFAULT_SITES = 3;
    /** The lab's extent in metres (largest mote coordinates, rounded up). */
    static final double LAB_WIDTH = 41;
    static final double LAB_DEPTH = 32;
    private static final double NORTH_SOUTH_SPLIT = 16;
    // Indoor office lab: a mote outside 15–28 °C or above 60 % humidity is worth an alert.
    private static final double LAB_TEMP_MIN = 15;
    private static final double LAB_TEMP_MAX = 28;
    private static final double LAB_HUMIDITY_MAX = 60;

    /** Unregistered devices are named {@code ghost-1} ... {@code ghost-5}, behind the registry's id prefix. */
    static final String GHOST = "ghost-";

    private final Map<String, Device> devices;
    private final String idPrefix;

    private DeviceRegistry(List<Device> devices, String idPrefix) {
        Map<String, Device> m = new LinkedHashMap<>();
        devices.forEach(d -> m.put(d.deviceId(), d));
        this.devices = m;
        this.idPrefix = idPrefix;
    }

    private DeviceRegistry(List<Device> devices) {
        this(devices, "");
    }

    /**
     * The same devices with {@code prefix} before every id (and every ghost's), so a notebook's or a test's run
     * shares a cluster with others without mixing their devices.
     */
    public DeviceRegistry withIdPrefix(String prefix) {
        return new DeviceRegistry(devices.values().stream().map(d -> new Device(prefix + d.deviceId(), d.site(),
                d.room(), d.sensorType(), d.x(), d.y(), d.tempMinC(), d.tempMaxC(), d.humidityMaxPct())).toList(),
                idPrefix + prefix);
    }

    /** The id of unregistered device {@code n} (from 1): readings from it must be refused as UNKNOWN_DEVICE. */
    public String ghostId(int n) {
        return idPrefix + GHOST + n;
    }

    public static Path defaultMotesFile() {
        return LabHome.requireCheckout().resolve("datasets/intel-lab-mote-locs.txt");
    }

    /** The first {@code count} lab devices spread over {@code sites} sites, positions from {@code motesFile}. */
    public static DeviceRegistry lab(Path motesFile, int count, int sites) {
        if (count < 1 || sites < 1) {
            throw new LabException("need at least 1 device and 1 site (got " + count + " devices, " + sites
                    + " sites): pass --devices N and --sites N with N >= 1");
        }
        List<double[]> positions = readPositions(motesFile);
        List<Device> list = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            double[] xy = id <= positions.size() ? positions.get(id - 1) : generatedPosition(id);
            list.add(labDevice(id, xy[0], xy[1], sites));
        }
        return new DeviceRegistry(list);
    }

    public static DeviceRegistry lab(int count, int sites) {
        return lab(defaultMotesFile(), count, sites);
    }

    /** The registry of a replay: the UCI air-quality device alone. */
    public static DeviceRegistry airQuality() {
        // Outdoors in an Italian city: -5..40 °C and up to 90 % humidity are ordinary.
        return new DeviceRegistry(List.of(new Device(AIR_QUALITY_ID, "uci-air-quality", "roadside",
                "multisensor-gas", 0, 0, -5, 40, 90)));
    }

    /** Every device the kit knows: all 54 lab motes over the default sites, plus the air-quality device. */
    public static DeviceRegistry all() {
        DeviceRegistry lab = lab(readPositions(defaultMotesFile()).size(), DEFAULT_SITES);
        List<Device> list = new ArrayList<>(lab.devices());
        list.addAll(airQuality().devices());
        return new DeviceRegistry(list);
    }

    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    public List<String> ids() {
        return List.copyOf(devices.keySet());
    }

    public Optional<Device> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public int size() {
        return devices.size();
    }

    /** Creates the compacted registry topic if missing and writes every device; returns how many were written. */
    public int publish(KafkaConnection kafka, String topic) {
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSet.registry(topic));
        }
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new StringSerializer())) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            for (Device d : devices.values()) {
                producer.send(new ProducerRecord<>(topic, d.deviceId(), Json.text(d)), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new LabException("publishing the device registry to '" + topic + "' failed: "
                        + failure.get().getMessage() + " (check the cluster with './lab cluster status')", failure.get());
            }
        }
        return devices.size();
    }

    public int publish(KafkaConnection kafka) {
        return publish(kafka, TopicNames.DEVICES);
    }

    static String moteId(int id) {
        return MOTE_PREFIX + id;
    }

    static String site(double x, int sites) {
        int band = Math.min(sites - 1, (int) (x / LAB_WIDTH * sites));
        return "site-" + (band + 1);
    }

    private static Device labDevice(int id, double x, double y, int sites) {
        String site = site(x, sites);
        String room = site + (y < NORTH_SOUTH_SPLIT ? "-north" : "-south");
        return new Device(moteId(id), site, room, LAB_SENSOR, x, y, LAB_TEMP_MIN, LAB_TEMP_MAX, LAB_HUMIDITY_MAX);
    }

    private static double[] generatedPosition(int id) {
        SplittableRandom r = new SplittableRandom(id);
        return new double[] {Math.round(r.nextDouble(0, LAB_WIDTH) * 2) / 2.0,
                Math.round(r.nextDouble(0, LAB_DEPTH) * 2) / 2.0};
    }

    /** Lines of {@code moteid x y}; mote ids run 1..54 in file order. */
    static List<double[]> readPositions(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LabException("cannot read the mote positions " + file + ": " + e.getMessage()
                    + " (run from the kit's checkout or set LAB_HOME)", e);
        }
        List<double[]> positions = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || Integer.parseInt(f[0]) != positions.size() + 1) {
                throw new LabException("unexpected line in " + file + ": '" + line + "' (expected 'moteid x y', ids from 1)");
            }
            positions.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return positions;
    }
}
