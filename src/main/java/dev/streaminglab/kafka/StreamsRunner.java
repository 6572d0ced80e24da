package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * One Kafka Streams instance as the kit runs it everywhere (pipeline, benchmark, experiments, tests): its state
 * changes with their times, the first error that stopped it, its restores, a start that waits for RUNNING with a
 * deadline and a clear error, and a close that leaves the group.
 */
public final class StreamsRunner implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** A state change and when it happened ({@link System#nanoTime()} in ms). */
    public record Transition(long atMs, State from, State to) {
    }

    private final KafkaStreams streams;
    private final String name;
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final RestoreTimer restores = new RestoreTimer();
    private boolean closed;

    /** An instance that is not started yet; an uncaught error shuts the client down. */
    public StreamsRunner(Topology topology, Properties props) {
        this(topology, props, StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    public StreamsRunner(Topology topology, Properties props, StreamThreadExceptionResponse onError) {
        this.streams = new KafkaStreams(topology, props);
        this.name = String.valueOf(props.get("application.id"));
        streams.setStateListener((to, from) -> transitions.add(new Transition(System.nanoTime() / 1_000_000, from, to)));
        streams.setUncaughtExceptionHandler(e -> {
            error.compareAndSet(null, e);
            return onError;
        });
        streams.setGlobalStateRestoreListener(restores);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public StreamsRunner start() {
        streams.start();
        return this;
    }

    /** Starts and waits until the instance is RUNNING: it has its tasks and has restored their state. */
    public StreamsRunner startAndAwaitRunning() {
        return startAndAwaitRunning(START_TIMEOUT);
    }

    public StreamsRunner startAndAwaitRunning(Duration timeout) {
        start();
        awaitState(State.RUNNING, timeout);
        return this;
    }

    /** Waits for a state; fails at once, with the error, when the instance stopped on its way there. */
    public void awaitState(State state, Duration timeout) {
        Await.until(timeout, () -> "Kafka Streams '" + name + "' to be " + state + " (it is " + streams.state()
                + "): is the cluster up, or the application id used elsewhere?",
                () -> streams.state() == state || failed());
        if (streams.state() != state) {
            throw new LabException("Kafka Streams '" + name + "' stopped in state " + streams.state()
                    + " instead of reaching " + state + ": " + error.get(), error.get());
        }
    }

    /** True once the instance stopped with an error (and is not about to recover). */
    public boolean failed() {
        return streams.state() == State.ERROR || (error.get() != null && !streams.state().isRunningOrRebalancing());
    }

    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** How many times this instance went into REBALANCING. */
    public long rebalances() {
        return transitions.stream().filter(t -> t.to() == State.REBALANCING).count();
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(error.get());
    }

    public RestoreTimer restores() {
        return restores;
    }

    /** The store for interactive queries, waiting while it migrates (rebalance, restore). */
    public <T> T store(String storeName, QueryableStoreType<T> type, Duration timeout) {
        return Await.value(timeout, "store '" + storeName + "' to be queryable", () -> {
            try {
                return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(storeName, type)));
            } catch (InvalidStateStoreException migrating) {
                return Optional.empty();
            }
        });
    }

    /**
     * A graceful shutdown that leaves the group at once. KafkaStreams.close() alone keeps a dynamic member in the
     * group, so its partitions would wait session.timeout.ms before anyone takes them over.
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

    /** Closes, leaving the group, then deletes this instance's local state. */
    public void closeAndCleanUp() {
        close();
        streams.cleanUp();
    }
}
