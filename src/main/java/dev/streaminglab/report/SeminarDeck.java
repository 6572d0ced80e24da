package dev.streaminglab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Builds the seminar deck from what the kit measured: figures come from the executed notebooks, the committed
 * benchmark and limits results and the architecture diagram, never from pasted numbers. Then Marp (npm) renders
 * {@code seminar-slides/deck.md} to HTML and PDF with Debian's Chromium.
 */
public final class SeminarDeck {
    /** Where the deck's Markdown points: {@code ![...](figures/NAME.png)}. */
    private static final Pattern FIGURE = Pattern.compile("\\]\\((figures/[^)\\s]+)\\)");
    private static final String CHROMIUM = "/usr/bin/chromium";

    private final Path home;
    private final Path slides;
    private final Path figures;

    /** What a build produced, for the command and the test. */
    public record Build(Path html, Path pdf, List<String> figures, int slides, int pdfPages) {
    }

    public SeminarDeck(Path home) {
        this.home = home;
        this.slides = home.resolve("seminar-slides");
        this.figures = slides.resolve("figures");
    }

    public Build build() {
        collectFigures();
        Path deck = slides.resolve("deck.md");
        String markdown = read(deck);
        List<String> referenced = new ArrayList<>();
        Matcher m = FIGURE.matcher(markdown);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        List<String> missing = referenced.stream().filter(f -> !Files.isRegularFile(slides.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new LabException("the deck references figures that no run produced: " + missing
                    + " (run the notebooks with './lab notebooks', then './lab slides')");
        }
        Path dist = slides.resolve("dist");
        Path html = dist.resolve("deck.html");
        Path pdf = dist.resolve("deck.pdf");
        marp(deck, html, false);
        marp(deck, pdf, true);
        return new Build(html, pdf, referenced, countSlides(markdown), pdfPages(pdf));
    }

    /** Slides are separated by {@code ---} lines after the front matter. */
    static int countSlides(String markdown) {
        List<String> lines = markdown.lines().toList();
        int start = 0;
        if (!lines.isEmpty() && lines.get(0).equals("---")) {
            start = lines.subList(1, lines.size()).indexOf("---") + 2;
        }
        return 1 + (int) lines.subList(start, lines.size()).stream().filter(l -> l.equals("---")).count();
    }

    private void collectFigures() {
        try {
            Files.createDirectories(figures);
            dot(home.resolve("docs/architecture.dot"), figures.resolve("architecture.png"), "png");
            dot(home.resolve("docs/architecture.dot"), home.resolve("docs/architecture.svg"), "svg");
            try (Stream<Path> notebooks = Files.list(home.resolve("notebooks"))) {
                for (Path nb : notebooks.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                    extractNotebookImages(nb);
                }
            }
            copyPngs(home.resolve("docs/results/bench"), "bench-");
            copyPngs(home.resolve("docs/results/limits"), "limits-");
            Path screenshot = home.resolve("target/dashboard.png");
            if (Files.isRegularFile(screenshot)) {
                Files.copy(screenshot, figures.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every image output of a notebook becomes {@code figures/<notebook>-<n>.png}, n counting from 1. */
    private void extractNotebookImages(Path notebook) throws IOException {
        String name = notebook.getFileName().toString().replace(".ipynb", "");
        int n = 0;
        for (JsonNode cell : Json.MAPPER.readTree(notebook.toFile()).path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                JsonNode png = out.path("data").path("image/png");
                if (png.isTextual()) {
                    byte[] bytes = Base64.getMimeDecoder().decode(png.asText());
                    Files.write(figures.resolve(name + "-" + (++n) + ".png"), bytes);
                }
            }
        }
    }

    private void copyPngs(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.copy(png, figures.resolve(prefix + png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void dot(Path source, Path target, String format) {
        run(List.of("dot", "-T" + format, "-Gdpi=110", source.toString(), "-o", target.toString()), source.getParent(),
                "Graphviz 'dot' (apt-get install graphviz, or ./lab setup)");
    }

    private void marp(Path deck, Path out, boolean pdf) {
        Path marp = slides.resolve("node_modules/.bin/marp");
        if (!Files.isExecutable(marp)) {
            throw new LabException(marp + " is missing: run './lab setup', which installs Marp from npm");
        }
        List<String> cmd = new ArrayList<>(List.of(marp.toString(), "--no-stdin", "--allow-local-files", "--html",
                "--browser-path", CHROMIUM, deck.toString(), "-o", out.toString()));
        if (pdf) {
            cmd.add("--pdf");
        }
        run(cmd, slides, "Marp with Chromium (./lab setup installs both)");
    }

    private static void run(List<String> cmd, Path dir, String what) {
        try {
            Path log = Files.createTempFile("deck", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("CHROME_PATH", CHROMIUM);
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new LabException(what + " failed: " + cmd.get(0) + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new LabException("cannot run " + cmd.get(0) + ": install " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while building the deck", e);
        }
    }

    private static int pdfPages(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
