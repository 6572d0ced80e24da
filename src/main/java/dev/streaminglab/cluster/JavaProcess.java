package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way the kit starts a JVM of its own (broker, Connect worker): this machine's Java, the kit's runtime
 * classpath, headless, output to a file. Callers add a marker system property so that stop and kill only ever
 * touch processes the kit started.
 */
public final class JavaProcess {
    private JavaProcess() {
    }

    public static Process start(List<String> jvmOptions, String mainClass, List<String> args, Path output) {
        return start(List.of(), jvmOptions, RuntimeClasspath.get(), mainClass, args, output);
    }

    /** As {@link #start(List, String, List, Path)} on another classpath: another build of the kit, say. */
    public static Process start(List<String> jvmOptions, String classpath, String mainClass, List<String> args,
            Path output) {
        return start(List.of(), jvmOptions, classpath, mainClass, args, output);
    }

    /**
     * With a launcher before {@code java}, e.g. {@code ip netns exec NS}: it must exec Java in its own process,
     * so the process returned (and its pid) is the JVM's.
     */
    public static Process start(List<String> launcher, List<String> jvmOptions, String mainClass, List<String> args,
            Path output) {
        return start(launcher, jvmOptions, RuntimeClasspath.get(), mainClass, args, output);
    }

    private static Process start(List<String> launcher, List<String> jvmOptions, String classpath, String mainClass,
            List<String> args,
            Path output) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(java);
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath, mainClass));
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new LabException("cannot start a Java process (" + java + "): " + e.getMessage()
                    + ". Install Java 17+ (apt-get install openjdk-17-jdk-headless)", e);
        }
    }

    /** SIGTERM, so the process can shut down cleanly; SIGKILL if it has not exited after {@code grace}. */
    public static void stop(ProcessHandle h, Duration grace) {
        h.destroy();
        try {
            h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            h.destroyForcibly();
            h.onExit().join();
        }
    }
}
