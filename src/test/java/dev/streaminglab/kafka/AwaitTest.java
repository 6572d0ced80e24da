package dev.streaminglab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Await.until(Duration.ofSeconds(5), "the third poll", () -> polls.incrementAndGet() == 3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsAfterTheDeadlineNamingWhatItWaitedFor() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(300), () -> "a reply after " + polls.get() + " polls",
                () -> polls.incrementAndGet() < 0))
                .isInstanceOf(LabException.class)
                .hasMessageMatching("timed out after 300 ms waiting for a reply after \\d+ polls");
        // Backing off from 10 ms: far fewer polls than a 10 ms loop would make in 300 ms.
        assertThat(polls.get()).isBetween(2, 12);
    }

    @Test
    void valueReturnsWhatTheProbeFound() {
        AtomicInteger polls = new AtomicInteger();
        assertThat(Await.value(Duration.ofSeconds(5), "a value",
                () -> polls.incrementAndGet() == 2 ? Optional.of("found") : Optional.empty())).isEqualTo("found");
        assertThat(Await.value(Duration.ofMillis(50), Optional::empty)).isEmpty();
    }

    @Test
    void retryingPassesOverPassingErrorsAndReturnsEvenANullResult() {
        AtomicInteger calls = new AtomicInteger();
        Void done = KafkaFutures.retrying(Duration.ofSeconds(5), "a call", KafkaFutures::isRetriable, () -> {
            KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
            if (calls.incrementAndGet() < 3) {
                f.completeExceptionally(new UnknownTopicOrPartitionException("not yet"));
            } else {
                f.complete(null);
            }
            return f;
        });
        assertThat(done).isNull();
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> KafkaFutures.retrying(Duration.ofSeconds(5), "a call", KafkaFutures::isRetriable,
                () -> {
                    KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
                    f.completeExceptionally(new TopicAuthorizationException("denied"));
                    return f;
                })).isInstanceOf(LabException.class).hasMessage("a call failed: denied");
    }
}
