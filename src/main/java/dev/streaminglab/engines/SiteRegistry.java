package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.Device;
import dev.streaminglab.ingest.DeviceRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry as every engine reads it: a static file of {@code deviceId,site} lines, written once before a
 * run. A file, not the {@code devices} topic, because the job then needs no join semantics (no table that
 * changes while readings arrive), and Python, SQL and Spark read a file the same way.
 */
public final class SiteRegistry {
    private SiteRegistry() {
    }

    public static Map<String, String> sites(DeviceRegistry registry) {
        Map<String, String> m = new LinkedHashMap<>();
        registry.devices().forEach(d -> m.put(d.deviceId(), d.site()));
        return m;
    }

    public static Path write(DeviceRegistry registry, Path file) {
        List<String> lines = registry.devices().stream().map(SiteRegistry::line).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new LabException("cannot write the registry file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
                    throw new LabException("bad line in registry file " + file + ": '" + line + "' (expected deviceId,site)");
                }
                m.put(f[0], f[1]);
            }
        } catch (IOException e) {
            throw new LabException("cannot read the registry file " + file + ": " + e.getMessage(), e);
        }
        return m;
    }

    private static String line(Device d) {
        return d.deviceId() + "," + d.site();
    }
}
