package dev.streaminglab.limits;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * One Kafka Streams instance of an experiment, with what experiments look at: its state changes with their
 * time, the first error that stopped it, and a wait for a state with a deadline.
 */
public final class StreamsApp implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** A state change and when it happened (System.nanoTime based, in ms). */
    public record Transition(long atMs, State from, State to) {
    }

    private final KafkaStreams streams;
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private boolean closed;

    StreamsApp(Topology topology, Properties props, StreamThreadExceptionResponse onError) {
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((to, from) -> transitions.add(new Transition(System.nanoTime() / 1_000_000, from, to)));
        streams.setUncaughtExceptionHandler(e -> {
            error.compareAndSet(null, e);
            return onError;
        });
    }

    public KafkaStreams streams() {
        return streams;
    }

    public StreamsApp start() {
        streams.start();
        return this;
    }

    /** Starts and waits until the instance is RUNNING (it has its tasks and has restored their state). */
    public StreamsApp startAndAwaitRunning() throws InterruptedException {
        start();
        awaitState(State.RUNNING, START_TIMEOUT);
        return this;
    }

    public void awaitState(State state, Duration timeout) throws InterruptedException {
        Await.until(() -> streams.state() == state || (state != State.ERROR && error.get() != null
                && streams.state() == State.ERROR), timeout, "Kafka Streams to be " + state);
        if (streams.state() != state) {
            throw new IllegalStateException("Kafka Streams stopped with an error instead of reaching " + state,
                    error.get());
        }
    }

    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** How many times this instance went into REBALANCING. */
    public long rebalances() {
        return transitions.stream().filter(t -> t.to() == State.REBALANCING).count();
    }

    public Throwable error() {
        return error.get();
    }

    /** The store for interactive queries, waiting while it migrates (rebalance, restore). */
    public <T> T store(String name, QueryableStoreType<T> type) throws InterruptedException {
        AtomicReference<T> store = new AtomicReference<>();
        Await.until(() -> {
            try {
                store.set(streams.store(StoreQueryParameters.fromNameAndType(name, type)));
                return true;
            } catch (InvalidStateStoreException migrating) {
                return false;
            }
        }, START_TIMEOUT, "store '" + name + "' to be queryable");
        return store.get();
    }

    /**
     * A graceful shutdown that leaves the group at once. KafkaStreams.close() alone keeps a dynamic member in
     * the group, so its partitions wait session.timeout.ms before anyone takes them over.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }

    /** KafkaStreams' default close: the member stays in the group (what a restart with static membership needs). */
    public synchronized void closeWithoutLeaving() {
        if (!closed) {
            closed = true;
            streams.close(CLOSE_TIMEOUT);
        }
    }
}
