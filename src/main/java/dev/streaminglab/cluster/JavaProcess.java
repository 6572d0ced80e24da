package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way the kit starts a JVM of its own (broker, Connect worker): this machine's Java, the kit's runtime
 * classpath, headless, output to a file. Callers add a marker system property so that stop and kill only ever
 * touch processes the kit started.
 */
public final class JavaProcess {
    private JavaProcess() {
    }

    public static Process start(List<String> jvmOptions, String mainClass, List<String> args, Path output) {
        return start(jvmOptions, RuntimeClasspath.get(), mainClass, args, output);
    }

    /** As {@link #start(List, String, List, Path)} on another classpath: another build of the kit, say. */
    public static Process start(List<String> jvmOptions, String classpath, String mainClass, List<String> args,
            Path output) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
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
}
