package dev.streaminglab.limits;

import java.util.List;

/**
 * What an experiment is about, as the catalogue prints it: a value, so the list, the report and the notebook
 * read it without running anything. No figure appears here: figures come from results only.
 *
 * @param name short, stable name used on the command line and as the folder of its results
 * @param capability the catalogue's row title, e.g. "Time: late data vs grace"
 * @param question the question an architect asks
 * @param claim what the experiment shows, in words (the figures that back it are read from the results)
 * @param setup topics, partitions, instances and data, in one or two sentences
 * @param remedy what to do about it; where the kit can, the experiment demonstrates it
 * @param sources the KIPs and documentation pages behind the claim
 */
public record About(String name, String capability, String question, String claim, String setup, String remedy,
        List<Source> sources) {
    public About {
        if (!question.endsWith("?")) {
            throw new IllegalArgumentException("the question of " + name + " must end with '?'");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(name + " names no source");
        }
        sources = List.copyOf(sources);
    }
}
