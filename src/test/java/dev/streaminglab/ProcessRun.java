package dev.streaminglab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command of the kit (JBang script, nbconvert) as a user would, with a deadline. */
public record ProcessRun(int exitCode, String stdout, String stderr, Duration took) {
    public static final Path HOME = LabHome.requireCheckout();

    public static ProcessRun run(Duration deadline, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("lab-run", ".out");
            Path err = Files.createTempFile("lab-run", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + deadline + "; stderr:\n"
                        + Files.readString(err));
            }
            return new ProcessRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A JBang script of the kit, through the launcher that ./lab setup installs. */
    public static ProcessRun jbang(Duration deadline, String script, String... args) {
        Path launcher = HOME.resolve(".work/bin/jbang");
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError(launcher + " is missing: run the tests with './lab test', which installs JBang");
        }
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "run", "--quiet",
                HOME.resolve("jbang-scripts").resolve(script).toString()));
        cmd.addAll(List.of(args));
        return run(deadline, Map.of("LAB_HOME", HOME.toString()), cmd);
    }
}
