package dev.streaminglab.limits;

/**
 * What the results of one experiment say, read from them by the experiment's own code (never typed by hand): the
 * verdict, the measured line the catalogue quotes, and what the demonstration of the remedy showed ("" where the
 * kit cannot demonstrate one).
 */
public record Finding(Verdict verdict, String measured, String demonstrated) {
    public static Finding of(Verdict verdict, String measured) {
        return new Finding(verdict, measured, "");
    }
}
