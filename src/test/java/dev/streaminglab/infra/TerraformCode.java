package dev.streaminglab.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Terraform root or child module (a folder of .tf files), parsed by HashiCorp's own HCL parser through
 * {@code infra/terraform/check} (Node, @cdktf/hcl2json). The result is Terraform's JSON syntax: blocks as
 * objects, expressions kept as {@code "${...}"} strings, so references can be read from the text.
 */
record TerraformCode(Path dir, Map<String, JsonNode> files) {
    static final Path TERRAFORM = ProcessRun.HOME.resolve("infra/terraform");
    private static final Path CHECK = TERRAFORM.resolve("check");
    private static final Pattern VAR_REF = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");

    static TerraformCode load(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> tf = list.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
            if (tf.isEmpty()) {
                throw new AssertionError("no .tf file in " + dir);
            }
            return new TerraformCode(dir, parse(tf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses files with the real HCL parser; a syntax error fails with the parser's message. */
    static Map<String, JsonNode> parse(List<Path> tf) {
        installParser();
        List<String> cmd = new ArrayList<>(List.of("node", CHECK.resolve("hcl2json.mjs").toString()));
        tf.forEach(p -> cmd.add(p.toString()));
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(60), Map.of(), cmd);
        if (run.exitCode() != 0) {
            throw new AssertionError("HCL parse failed: " + run.stderr().strip());
        }
        try {
            Map<String, JsonNode> files = new LinkedHashMap<>();
            Json.MAPPER.readTree(run.stdout()).fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void installParser() {
        if (Files.isDirectory(CHECK.resolve("node_modules/@cdktf/hcl2json"))) {
            return;
        }
        ProcessRun run = ProcessRun.run(Duration.ofMinutes(3), Map.of(),
                List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", CHECK.toString()));
        if (run.exitCode() != 0) {
            throw new AssertionError("npm ci in " + CHECK + " failed (is Node.js installed?): " + run.stderr());
        }
    }

    /** Every block of a kind (variable, output, module) by name, across the folder's files. */
    Map<String, JsonNode> blocks(String kind) {
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        files.values().forEach(f -> f.path(kind).fields().forEachRemaining(e -> blocks.put(e.getKey(),
                e.getValue().isArray() ? e.getValue().get(0) : e.getValue())));
        return blocks;
    }

    /** Every resource of one type (aws_security_group, ...) by name, across the folder's files. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        files.values().forEach(f -> f.path("resource").path(type).fields().forEachRemaining(e -> resources.put(e.getKey(),
                e.getValue().isArray() ? e.getValue().get(0) : e.getValue())));
        return resources;
    }

    /** The names after {@code var.} anywhere in the folder's expressions. */
    Set<String> referencedVariables() {
        Set<String> names = new TreeSet<>();
        files.values().forEach(f -> strings(f, s -> {
            Matcher m = VAR_REF.matcher(s);
            while (m.find()) {
                names.add(m.group(1));
            }
        }));
        return names;
    }

    /** Every string value and object key under {@code node}, depth first (keys can be expressions too). */
    static void strings(JsonNode node, Consumer<String> sink) {
        if (node.isTextual()) {
            sink.accept(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> strings(n, sink));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sink.accept(e.getKey());
                strings(e.getValue(), sink);
            }
        }
    }

    String name() {
        return TERRAFORM.relativize(dir).toString();
    }
}
