package dev.streaminglab.infra;

import dev.streaminglab.ProcessRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The terraform binary, where this machine has one (Debian does not package it; the kit's checks that need it
 * are skipped without it). Providers come only from a local mirror folder (property {@code lab.tf.plugins},
 * default /opt/tf-plugins) in Terraform's unpacked layout: no registry is reachable from here.
 */
final class TerraformCli {
    static final Path PLUGIN_MIRROR = Path.of(System.getProperty("lab.tf.plugins", "/opt/tf-plugins"));
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static Boolean available;

    private TerraformCli() {
    }

    static synchronized boolean available() {
        if (available == null) {
            available = ProcessRun.run(Duration.ofSeconds(30), Map.of(), List.of("sh", "-c", "command -v terraform"))
                    .exitCode() == 0;
        }
        return available;
    }

    /** True when the mirror holds {@code provider} (e.g. hashicorp/aws), so a root using it can be initialised. */
    static boolean mirrorHas(String provider) {
        return Files.isDirectory(PLUGIN_MIRROR.resolve("registry.terraform.io").resolve(provider));
    }

    static ProcessRun run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("terraform", "-chdir=" + dir));
        cmd.addAll(Arrays.asList(args));
        return ProcessRun.run(DEADLINE, Map.of("TF_CLI_CONFIG_FILE", cliConfig().toString(), "TF_IN_AUTOMATION", "1",
                "TF_INPUT", "0", "NO_COLOR", "1"), cmd);
    }

    static ProcessRun ok(Path dir, String... args) {
        ProcessRun r = run(dir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("terraform " + String.join(" ", args) + " in " + dir + " failed:\n" + r.stdout() + r.stderr());
        }
        return r;
    }

    /** A copy of infra/terraform's code (roots, modules, tests; not the parser's node_modules nor .terraform/) in {@code dir}. */
    static Path copyOfCode(Path dir) {
        Path code = TerraformCode.TERRAFORM;
        try (Stream<Path> walk = Files.walk(code)) {
            for (Path p : walk.filter(p -> !p.startsWith(code.resolve("check")) && !p.toString().contains("/.terraform/")
                    && !p.getFileName().toString().equals(".terraform")).toList()) {
                Path target = dir.resolve(code.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CLI configuration that installs providers from the local mirror only. */
    private static synchronized Path cliConfig() {
        Path file = ProcessRun.HOME.resolve("target/terraform-cli.tfrc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n",
                    "provider_installation {",
                    "  filesystem_mirror {",
                    "    path = \"" + PLUGIN_MIRROR + "\"",
                    "  }",
                    "}", ""));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
