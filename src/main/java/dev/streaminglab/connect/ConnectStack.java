package dev.streaminglab.connect;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connect as a part of the pipeline: PostgreSQL, the worker(s), and the connectors from
 * {@code connect/connectors/} deployed on them. Scripts, the demo, notebooks and tests all start it here.
 */
public final class ConnectStack {
    private final LocalConnect connect;
    private final LocalPostgres postgres;
    private final Path registryFile;

    public ConnectStack(LocalConnect connect, LocalPostgres postgres, Path registryFile) {
        this.connect = connect;
        this.postgres = postgres;
        this.registryFile = registryFile;
    }

    /** The kit's defaults: workers under .work/connect (REST from 8083), PostgreSQL on 5433, the registry in datasets/. */
    public static ConnectStack defaults(KafkaConnection kafka) {
        return new ConnectStack(LocalConnect.defaultConnect(kafka), LocalPostgres.defaultPostgres(),
                ConnectorFiles.registryFile());
    }

    public LocalConnect connect() {
        return connect;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public Map<String, String> variables() {
        return ConnectorFiles.variables(postgres, registryFile);
    }

    /** Starts PostgreSQL and the workers, deploys every connector and waits until all their tasks run. */
    public List<ConnectRest.Status> start(ConnectWorker.Mode mode, int workers, Duration timeout) {
        postgres.start();
        connect.start(mode, workers, timeout);
        ConnectRest rest = connect.rest();
        List<ConnectorFiles.Connector> connectors = ConnectorFiles.all(variables());
        connectors.forEach(rest::deploy);
        return connectors.stream().map(c -> awaitRunning(rest, c.name(), timeout)).toList();
    }

    /**
     * Waits until the connector and its {@code tasks.max} tasks are RUNNING (the kit's connectors all create that
     * many); a FAILED task ends the wait with its error.
     */
    public static ConnectRest.Status awaitRunning(ConnectRest rest, String name, Duration timeout) {
        AtomicReference<ConnectRest.Status> last = new AtomicReference<>();
        return Await.value(timeout, () -> {
            ConnectRest.Status s;
            int tasks;
            try {
                s = rest.status(name);
                tasks = rest.config(name).path("tasks.max").asInt(1);
            } catch (LabException notYetKnown) {
                return Optional.empty();
            }
            last.set(s);
            if (s.state().equals("FAILED") || s.tasks().stream().anyMatch(t -> t.state().equals("FAILED"))) {
                throw new LabException("connector " + name + " failed:\n" + s.summary());
            }
            return s.running(tasks) ? Optional.of(s) : Optional.empty();
        }).orElseThrow(() -> new LabException("connector " + name + " was not running within "
                + timeout.toSeconds() + " s" + (last.get() == null ? "" : ":\n" + last.get().summary())));
    }

    /** Stops the workers, then PostgreSQL; {@code wipe} also deletes their data (offsets, tables). */
    public void stop(boolean wipe) {
        connect.stop(wipe);
        postgres.stop(wipe);
    }
}
