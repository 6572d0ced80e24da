///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Kafka Connect for the pipeline: workers (standalone or distributed), PostgreSQL, the connectors of
// connect/connectors/. A thin door: flags, help and logic live in dev.streaminglab.connect.ConnectCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.connect.ConnectCommand;

class Connect {
    public static void main(String... args) {
        Cli.exit(new ConnectCommand(), args);
    }
}
