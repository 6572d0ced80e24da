package dev.streaminglab.limits;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Counts what an instance restores from changelogs and how long the restores took. */
final class RestoreListener implements StateRestoreListener {
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong restores = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private volatile long firstStartNanos;
    private volatile long lastEndNanos;

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        if (restores.getAndIncrement() == 0) {
            firstStartNanos = System.nanoTime();
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        lastEndNanos = System.nanoTime();
        finished.incrementAndGet();
    }

    long restoredRecords() {
        return restored.get();
    }

    long restoresStarted() {
        return restores.get();
    }

    boolean allFinished() {
        return finished.get() == restores.get();
    }

    /** From the first restore's start to the last one's end; 0 when nothing was restored. */
    double restoreMs() {
        return restores.get() == 0 ? 0 : (lastEndNanos - firstStartNanos) / 1e6;
    }
}
