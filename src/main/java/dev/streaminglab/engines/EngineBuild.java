package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flink and Spark jobs live in Maven projects of their own (src/engines/flink, src/engines/spark), so their
 * Kafka clients and dependency trees never meet the kit's. ./lab setup resolves their dependencies; this class
 * compiles them offline into target/engines/NAME when their sources changed, so a run downloads nothing.
 */
final class EngineBuild {
    private EngineBuild() {
    }

    static String classpath(Engine engine) {
        Path target = build(engine.platform.name().toLowerCase());
        try {
            return target.resolve("classes") + File.pathSeparator
                    + Files.readString(target.resolve("runtime-classpath.txt")).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + target.resolve("runtime-classpath.txt") + ": " + e.getMessage(), e);
        }
    }

    /** Compiles src/engines/NAME when needed; returns its build folder. */
    static synchronized Path build(String name) {
        Path home = LabHome.requireCheckout();
        Path project = home.resolve("src/engines").resolve(name);
        Path target = home.resolve("target/engines").resolve(name);
        Path stamp = target.resolve("runtime-classpath.txt");
        if (Files.exists(stamp) && !newerThan(project, lastModified(stamp))) {
            return target;
        }
        List<String> cmd = List.of("mvn", "-B", "-q", "-o", "-Dstyle.color=never", "-f",
                project.resolve("pom.xml").toString(), "compile");
        try {
            Path log = Files.createTempFile("engine-build-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new LabException("building the " + name + " engine failed (" + String.join(" ", cmd) + "); if "
                        + "its dependencies are missing, run './lab setup' once with network access. Log: " + log);
            }
            Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis()));
            return target;
        } catch (IOException e) {
            throw new LabException("cannot run Maven to build the " + name + " engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while building the " + name + " engine", e);
        }
    }

    private static boolean newerThan(Path dir, FileTime time) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> lastModified(f).compareTo(time) > 0);
        } catch (IOException e) {
            return true;
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
