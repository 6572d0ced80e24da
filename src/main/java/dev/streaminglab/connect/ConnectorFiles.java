package dev.streaminglab.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pipeline's connectors, one JSON file each in {@code connect/connectors/} (the format of Connect's REST API:
 * {@code name} and {@code config}). Machine-specific values are {@code ${lab.NAME}} placeholders filled in by the
 * kit; other {@code ${...}} (such as the JDBC sink's {@code ${topic}}) are the connector's own and stay.
 */
public final class ConnectorFiles {
    public static final String REGISTRY_SOURCE = "device-registry-source";
    public static final String AGGREGATES_SINK = "aggregates-postgres-sink";
    public static final String ALERTS_SINK = "alerts-postgres-sink";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{lab\\.([a-z.]+)}");

    /** A connector's name and its configuration with every placeholder filled in. */
    public record Connector(String name, Map<String, String> config) {
    }

    private ConnectorFiles() {
    }

    public static Path folder() {
        return LabHome.requireCheckout().resolve("connect/connectors");
    }

    public static Path registryFile() {
        return LabHome.requireCheckout().resolve("datasets/device-registry.csv");
    }

    /** The values for the placeholders of the kit's connector files. */
    public static Map<String, String> variables(LocalPostgres postgres, Path registryFile) {
        return Map.of("registry.file", registryFile.toAbsolutePath().toString(),
                "postgres.url", postgres.jdbcUrl(),
                "postgres.user", LocalPostgres.USER,
                "postgres.password", LocalPostgres.PASSWORD);
    }

    public static List<Connector> all(Map<String, String> variables) {
        try (Stream<Path> files = Files.list(folder())) {
            List<Connector> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(read(f, variables));
            }
            return out;
        } catch (IOException e) {
            throw new LabException("cannot list " + folder() + ": " + e.getMessage(), e);
        }
    }

    public static Connector named(String name, Map<String, String> variables) {
        Path f = folder().resolve(name + ".json");
        if (!Files.isRegularFile(f)) {
            throw new LabException("no connector file " + f + ": the kit's connectors are "
                    + all(variables).stream().map(Connector::name).toList());
        }
        return read(f, variables);
    }

    static Connector read(Path file, Map<String, String> variables) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new LabException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.path("name").isTextual() || !(root.get("config") instanceof ObjectNode config)) {
            throw new LabException(file + " needs a \"name\" and a \"config\" object, as Connect's REST API takes them");
        }
        Map<String, String> out = new LinkedHashMap<>();
        config.properties().forEach(e -> out.put(e.getKey(), fill(e.getValue().asText(), variables, file)));
        return new Connector(root.get("name").asText(), out);
    }

    private static String fill(String value, Map<String, String> variables, Path file) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = variables.get(m.group(1));
            if (v == null) {
                throw new LabException(file + " uses ${lab." + m.group(1) + "}, which the kit does not know; known: "
                        + variables.keySet().stream().map(k -> "lab." + k).sorted().toList());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
