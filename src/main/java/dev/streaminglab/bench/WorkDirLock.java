package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One benchmark at a time per work folder: two runs would start clusters in the same data folders and wipe
 * each other's state, and every figure of both would be wrong. The operating system releases the lock when
 * the JVM ends, however it ends.
 */
final class WorkDirLock implements AutoCloseable {
    private final FileChannel channel;

    private WorkDirLock(FileChannel channel) {
        this.channel = channel;
    }

    static WorkDirLock acquire(Path workDir) {
        Path file = workDir.resolve(".lock");
        try {
            Files.createDirectories(workDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LabException("another benchmark is running in " + workDir + ": wait for it to finish, "
                        + "or give this one a folder of its own with --work DIR");
            }
            return new WorkDirLock(channel);
        } catch (IOException e) {
            throw new LabException("cannot lock the work folder " + workDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new LabException("cannot release the lock on " + channel + ": " + e.getMessage(), e);
        }
    }
}
