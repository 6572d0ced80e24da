///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// The kit's main job on the local cluster.
// A thin door: flags, help and logic live in dev.streaminglab.demo.DemoCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.demo.DemoCommand;

class Demo {
    public static void main(String... args) {
        Cli.exit(new DemoCommand(), args);
    }
}
