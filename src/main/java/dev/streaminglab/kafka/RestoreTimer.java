package dev.streaminglab.kafka;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Counts what a Kafka Streams instance restores from changelogs and when: from the first restore's start to the
 * last one's end. The one restore clock of the kit, so the benchmark and the limits catalogue time restores the
 * same way.
 */
public final class RestoreTimer implements StateRestoreListener {
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private volatile long firstStartNanos;
    private volatile long lastEndNanos;

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        if (started.getAndIncrement() == 0) {
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

    public long restoredRecords() {
        return restored.get();
    }

    public long restoresStarted() {
        return started.get();
    }

    /** True once every restore that started has ended (also when none started). */
    public boolean allFinished() {
        return finished.get() == started.get();
    }

    /** {@link System#nanoTime()} when the first restore started; 0 when none did. */
    public long firstStartNanos() {
        return firstStartNanos;
    }

    /** From the first restore's start to the last one's end, in ms; 0 when nothing was restored. */
    public double restoreMs() {
        return started.get() == 0 ? 0 : (lastEndNanos - firstStartNanos) / 1e6;
    }
}
