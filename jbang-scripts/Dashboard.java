///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Serve the live dashboard of the pipeline on http://127.0.0.1:8080/.
// A thin door: flags, help and logic live in dev.streaminglab.serve.DashboardCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.serve.DashboardCommand;

class Dashboard {
    public static void main(String... args) {
        Cli.exit(new DashboardCommand(), args);
    }
}
