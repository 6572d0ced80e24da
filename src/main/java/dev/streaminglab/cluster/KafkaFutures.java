package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for an Admin API result and turns its failure into a message that says what was being done. */
public final class KafkaFutures {
    private KafkaFutures() {
    }

    public static <T> T await(KafkaFuture<T> future, String doing) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new LabException(doing + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while " + doing, e);
        }
    }
}
