package dev.streaminglab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the library ships as resources (rules, configurations) that an outside program must read from disk. */
public final class Resources {
    private Resources() {
    }

    /** Copies the resource to {@code file} (replacing it) and returns the file. */
    public static Path copy(String resource, Path file) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LabException("the library lacks its resource " + resource + ": rebuild it with './lab setup'");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
