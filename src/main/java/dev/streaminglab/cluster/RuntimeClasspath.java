package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath for the JVMs the kit starts (brokers, Connect workers, Streams instances). Under JBang and
 * Maven it is this JVM's own; a Jupyter kernel loads the library elsewhere, so there it comes from the
 * list the Maven build writes to {@code target/runtime-classpath.txt}.
 */
public final class RuntimeClasspath {
    private RuntimeClasspath() {
    }

    public static String get() {
        String own = System.getProperty("java.class.path", "");
        if (own.contains("kafka_2.13-")) {
            return own;
        }
        Path home = LabHome.requireCheckout();
        Path file = home.resolve("target").resolve("runtime-classpath.txt");
        try {
            return home.resolve("target").resolve("classes") + File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": build the kit first with './lab setup'", e);
        }
    }
}
