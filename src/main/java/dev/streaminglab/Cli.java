package dev.streaminglab;

import java.io.PrintWriter;
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

    /** Entry point for scripts: run and exit with the command's code. */
    public static void exit(Object command, String... args) {
        System.exit(run(command, args));
    }
}
