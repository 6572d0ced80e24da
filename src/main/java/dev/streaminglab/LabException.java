package dev.streaminglab;

/**
 * A problem the user can fix: the message names what is wrong and what to do, and is printed as one line
 * without a stack trace by {@link Cli}.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
