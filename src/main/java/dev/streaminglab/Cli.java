package dev.streaminglab;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every script of the kit does: wrong flags and {@link LabException}s
 * become a one-line error that says what to do, with a non-zero exit code; anything else keeps its
 * stack trace because it is a bug.
 */
public final class Cli {
    public static final int USAGE_ERROR = 2;
    public static final int FAILED = 1;

    private Cli() {
    }

    public static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage() + " (see " + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof LabException) {
                    c.getErr().println("error: " + t.getMessage());
                    return FAILED;
                }
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /**
     * Runs any command of the kit by class name: {@code java -cp ... dev.streaminglab.Cli
     * dev.streaminglab.cluster.TailCommand --topic t}. Services (systemd units, supervisord programs) start
     * the kit's commands this way, without a script per command.
     */
    public static void main(String... args) {
        if (args.length == 0) {
            System.err.println("error: name a command class, e.g. dev.streaminglab.cluster.TailCommand --help");
            System.exit(USAGE_ERROR);
        }
        Object command;
        try {
            command = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            System.err.println("error: cannot create command " + args[0] + " (" + e + "): give the full class name of"
                    + " one of the kit's commands, e.g. dev.streaminglab.cluster.TailCommand");
            System.exit(USAGE_ERROR);
            return;
        }
        exit(command, Arrays.copyOfRange(args, 1, args.length));
    }

    /** Entry point for scripts: run and exit with the command's code. */
    public static void exit(Object command, String... args) {
        System.exit(run(command, args));
    }
}
