package dev.streaminglab.connect;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ConnectionOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbang-scripts/Connect.java}: the kit's Kafka Connect workers, PostgreSQL and the pipeline's connectors. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Kafka Connect for the pipeline: start/stop the workers and PostgreSQL, list connectors, show "
                + "their status, pause, resume or restart one.",
        subcommands = {ConnectCommand.Start.class, ConnectCommand.Stop.class, ConnectCommand.ListConnectors.class,
                ConnectCommand.Status.class, ConnectCommand.Pause.class, ConnectCommand.Resume.class,
                ConnectCommand.Restart.class, ConnectCommand.Deploy.class})
public class ConnectCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Options every subcommand shares: which Kafka, where the workers' REST API and PostgreSQL listen. */
    static class Where {
        @Mixin
        ConnectionOptions kafka;

        @Option(names = "--rest-port", defaultValue = "" + LocalConnect.DEFAULT_REST_PORT,
                description = "REST port of worker 1 (worker i uses port + i - 1; default: ${DEFAULT-VALUE})")
        int restPort;

        @Option(names = "--postgres-port", defaultValue = "" + LocalPostgres.DEFAULT_PORT,
                description = "PostgreSQL port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
        int postgresPort;

        ConnectStack stack() {
            Path work = LabHome.workDir();
            return new ConnectStack(new LocalConnect(work.resolve("connect"), restPort, kafka.connection()),
                    new LocalPostgres(postgresPort, work.resolve("postgres")), ConnectorFiles.registryFile());
        }

        ConnectRest rest() {
            return stack().connect().rest();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start PostgreSQL and the Connect worker(s), deploy the connectors of connect/connectors/, "
                    + "wait until every task runs.")
    static class Start implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--mode", defaultValue = "standalone",
                description = "standalone (one worker, offsets in a file) or distributed (a group of workers sharing "
                        + "tasks; state in Kafka topics) (default: ${DEFAULT-VALUE})")
        String mode;

        @Option(names = "--workers", description = "workers (default: 1 standalone, 2 distributed)")
        Integer workers;

        @Override
        public Integer call() {
            ConnectWorker.Mode m = parseMode(mode);
            int n = workers != null ? workers : m == ConnectWorker.Mode.STANDALONE ? 1 : 2;
            long t0 = System.nanoTime();
            ConnectStack stack = where.stack();
            List<ConnectRest.Status> statuses = stack.start(m, n, LocalConnect.DEFAULT_START_TIMEOUT);
            System.out.printf("Connect (%s, %d worker%s) and PostgreSQL (%s) ready in %.1f s; REST: %s%n",
                    m.name().toLowerCase(), n, n == 1 ? "" : "s", stack.postgres().jdbcUrl(), (System.nanoTime() - t0) / 1e9,
                    stack.connect().rest().url());
            statuses.forEach(s -> System.out.println(s.summary()));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the workers and PostgreSQL.")
    static class Stop implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--clean", description = "also delete PostgreSQL's data and the workers' folders")
        boolean clean;

        @Override
        public Integer call() {
            ConnectStack stack = where.stack();
            List<Integer> stopped = stack.connect().stop(clean);
            stack.postgres().stop(clean);
            System.out.println(stopped.isEmpty() ? "no Connect worker was running; PostgreSQL stopped"
                    : "stopped Connect workers " + stopped + " and PostgreSQL");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The deployed connectors and their state.")
    static class ListConnectors implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() {
            ConnectRest rest = where.rest();
            for (String name : rest.connectors()) {
                ConnectRest.Status s = rest.status(name);
                System.out.printf("%-26s %-7s %-8s %d task(s)%n", name, s.type(), s.state(), s.tasks().size());
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Connector and task states, with the worker each runs on and the first line of any error.")
    static class Status implements Callable<Integer> {
        @Mixin
        Where where;

        @Parameters(arity = "0..*", paramLabel = "CONNECTOR", description = "connectors (default: all)")
        List<String> names;

        @Override
        public Integer call() {
            ConnectRest rest = where.rest();
            for (String name : names == null ? rest.connectors() : names) {
                System.out.println(rest.status(name).summary());
            }
            return 0;
        }
    }

    /** A subcommand that acts on one connector and reports what it did. */
    abstract static class OnConnector implements Callable<Integer> {
        @Mixin
        Where where;

        @Parameters(paramLabel = "CONNECTOR")
        String name;

        @Override
        public Integer call() {
            System.out.println(act(where.rest(), name));
            return 0;
        }

        abstract String act(ConnectRest rest, String connector);
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a connector (its tasks stop consuming).")
    static class Pause extends OnConnector {
        @Override
        String act(ConnectRest rest, String connector) {
            rest.pause(connector);
            return "pause requested: " + connector;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused connector.")
    static class Resume extends OnConnector {
        @Override
        String act(ConnectRest rest, String connector) {
            rest.resume(connector);
            return "resume requested: " + connector;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a connector and all its tasks.")
    static class Restart extends OnConnector {
        @Override
        String act(ConnectRest rest, String connector) {
            rest.restart(connector);
            return ConnectStack.awaitRunning(rest, connector, LocalConnect.DEFAULT_START_TIMEOUT).summary();
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Create or update connectors from their files in connect/connectors/ (after an edit).")
    static class Deploy implements Callable<Integer> {
        @Mixin
        Where where;

        @Parameters(arity = "0..*", paramLabel = "CONNECTOR", description = "connectors (default: every file)")
        List<String> names;

        @Override
        public Integer call() {
            ConnectStack stack = where.stack();
            ConnectRest rest = stack.connect().rest();
            List<ConnectorFiles.Connector> connectors = names == null ? ConnectorFiles.all(stack.variables())
                    : names.stream().map(n -> ConnectorFiles.named(n, stack.variables())).toList();
            connectors.forEach(c -> {
                rest.deploy(c);
                System.out.println(ConnectStack.awaitRunning(rest, c.name(), LocalConnect.DEFAULT_START_TIMEOUT).summary());
            });
            return 0;
        }
    }

    static ConnectWorker.Mode parseMode(String mode) {
        try {
            return ConnectWorker.Mode.valueOf(mode.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LabException("--mode must be standalone or distributed, got '" + mode + "'");
        }
    }
}
