package dev.streaminglab.connect;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import tech.tablesaw.api.Table;

/**
 * PostgreSQL from the Debian package, run by the kit on 127.0.0.1 only, data in the work folder
 * ({@code .work/postgres}): where the Connect JDBC sink writes the pipeline's aggregates and alerts. No Unix
 * socket, password authentication, the schema from {@code connect/postgres-schema.sql}.
 *
 * <p>PostgreSQL refuses to run as root: as root the kit runs it as the {@code postgres} user (created by the
 * Debian package), which then owns the data folder.
 */
public final class LocalPostgres {
    public static final int DEFAULT_PORT = 5433;
    public static final String DATABASE = "lab";
    public static final String USER = "lab";
    /** A local, loopback-only lab database: the password only keeps other local users out by accident. */
    public static final String PASSWORD = "lab";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final int port;
    private final Path dir;

    public LocalPostgres(int port, Path dir) {
        this.port = port;
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static LocalPostgres defaultPostgres() {
        return new LocalPostgres(DEFAULT_PORT, LabHome.workDir().resolve("postgres"));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    public boolean isRunning() {
        return Files.exists(dataDir().resolve("PG_VERSION")) && pgCtl(List.of("status"), false) == 0;
    }

    /** Initialises the data folder on first use, starts the server, creates the database and the schema. */
    public void start() {
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            initdb();
        }
        if (!isRunning()) {
            configure();
            if (pgCtl(List.of("start", "-w", "-t", Long.toString(COMMAND_TIMEOUT.toSeconds()), "-l",
                    logFile().toString()), true) != 0) {
                throw new LabException("PostgreSQL did not start on 127.0.0.1:" + port + ": see " + logFile()
                        + " (port taken? pick another with --postgres-port)");
            }
        }
        createDatabaseAndSchema();
    }

    /** Stops the server (fast shutdown: open sessions are ended); {@code wipe} deletes the data. */
    public void stop(boolean wipe) {
        if (isRunning()) {
            pgCtl(List.of("stop", "-m", "fast", "-w", "-t", Long.toString(COMMAND_TIMEOUT.toSeconds())), true);
        }
        if (wipe) {
            try {
                FileUtils.deleteDirectory(dir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** A query's result as a table, for notebooks and scripts. */
    public Table query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return Table.read().db(rs, "result");
        } catch (SQLException e) {
            throw new LabException("query failed on " + jdbcUrl() + ": " + e.getMessage() + " (is PostgreSQL running? "
                    + "'./lab jbang run jbang-scripts/Connect.java start')", e);
        }
    }

    private void initdb() {
        try {
            Files.createDirectories(dir);
            Path pwFile = dir.resolve("pwfile");
            Files.writeString(pwFile, PASSWORD + "\n");
            if (runsAsRoot()) {
                UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
                Files.setOwner(dir, pg);
                Files.setOwner(pwFile, pg);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            int rc = run(List.of(bin("initdb").toString(), "-D", dataDir().toString(), "-U", USER, "-A", "scram-sha-256",
                    "--pwfile=" + pwFile, "-E", "UTF8", "--locale=C.UTF-8"), dir.resolve("initdb.log"));
            Files.deleteIfExists(pwFile);
            if (rc != 0) {
                throw new LabException("initdb failed for " + dataDir() + ": see " + dir.resolve("initdb.log"));
            }
        } catch (IOException e) {
            throw new LabException("cannot prepare " + dir + " for PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Loopback only, no Unix socket (no clash with a system PostgreSQL), the kit's port. */
    private void configure() {
        Path conf = dataDir().resolve("postgresql.auto.conf");
        String settings = String.join("\n", "# Written by the Kafka Streaming Lab on every start.",
                "listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = ''",
                "max_connections = 40", "shared_buffers = '64MB'", "");
        try {
            Files.writeString(conf, settings);
        } catch (IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage()
                    + " (wipe the data with 'Connect.java stop --clean')", e);
        }
    }

    private void createDatabaseAndSchema() {
        String base = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(base, USER, PASSWORD); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new LabException("cannot create the database '" + DATABASE + "' on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        Path schema = LabHome.requireCheckout().resolve("connect/postgres-schema.sql");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements(Files.readString(schema))) {
                s.execute(sql);
            }
        } catch (SQLException | IOException e) {
            throw new LabException("applying " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** The statements of a SQL file: ';'-separated, comment lines dropped. */
    static List<String> statements(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String stmt : b.toString().split(";")) {
            if (!stmt.isBlank()) {
                out.add(stmt.strip());
            }
        }
        return out;
    }

    private int pgCtl(List<String> args, boolean log) {
        List<String> cmd = new ArrayList<>(List.of(bin("pg_ctl").toString(), "-D", dataDir().toString()));
        cmd.addAll(args);
        return run(cmd, log ? dir.resolve("pg_ctl.log") : null);
    }

    private int run(List<String> command, Path output) {
        List<String> cmd = new ArrayList<>();
        if (runsAsRoot()) {
            cmd.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(output.toFile()));
        try {
            Process p = pb.start();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
                        + " s: see " + logFile());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command.get(0), e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL the Debian package installed. */
    private static Path bin(String tool) {
        Optional<Path> newest;
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            newest = versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve(tool)))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            newest = Optional.empty();
        }
        return newest.map(v -> v.resolve("bin").resolve(tool)).orElseThrow(() -> new LabException(
                "PostgreSQL is not installed (no " + DEBIAN_ROOT + "/*/bin/" + tool + "): run './lab setup', which "
                        + "installs the Debian package 'postgresql'"));
    }
}
