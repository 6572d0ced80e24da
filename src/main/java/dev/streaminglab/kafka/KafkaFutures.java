package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.RetriableException;

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

    /**
     * Repeats an Admin call, backing off as {@link Await} does, while it fails with an error that is only a
     * matter of time: a broker that has not yet heard of a topic another one lists, a leader not yet elected.
     * Any other error, or the same one after {@code timeout}, fails at once with what was being done.
     */
    public static <T> T retrying(Duration timeout, String doing, Predicate<Throwable> passing,
            Supplier<KafkaFuture<T>> call) {
        AtomicReference<LabException> last = new AtomicReference<>();
        // A holder, since a successful call may return null (KafkaFuture<Void>).
        Optional<AtomicReference<T>> result = Await.value(timeout, () -> {
            try {
                return Optional.of(new AtomicReference<>(await(call.get(), doing)));
            } catch (LabException e) {
                if (!passing.test(e.getCause())) {
                    throw e;
                }
                last.set(e);
                return Optional.empty();
            }
        });
        return result.orElseThrow(() -> new LabException(last.get().getMessage() + " (still after "
                + timeout.toSeconds() + " s)", last.get().getCause())).get();
    }

    /** Kafka marks the errors that go away by themselves as retriable (unknown topic, no leader yet...). */
    public static boolean isRetriable(Throwable t) {
        return t instanceof RetriableException;
    }
}
