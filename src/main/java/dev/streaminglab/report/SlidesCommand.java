package dev.streaminglab.report;

import dev.streaminglab.LabHome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code Slides.java}: build the seminar deck (HTML and PDF) from the latest figures. */
@Command(name = "slides", mixinStandardHelpOptions = true,
        description = "Collect the figures (notebooks, benchmark, limits and engine results, architecture), fill "
                + "in the quoted figures from docs/results and render seminar-slides/deck.md to seminar-slides/dist/deck.html and deck.pdf with Marp and Chromium.")
public class SlidesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        SeminarDeck.Build b = new SeminarDeck(LabHome.requireCheckout()).build();
        System.out.printf("%d slides, %d figures%n  %s%n  %s (%d pages)%n", b.slides(), b.figures().size(), b.html(),
                b.pdf(), b.pdfPages());
        b.slidesPerModule().forEach((module, n) -> System.out.printf("  %2d  %s%n", n, module));
        return 0;
    }
}
