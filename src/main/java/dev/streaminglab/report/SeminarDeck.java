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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Builds the seminar deck from what the kit measured: figures come from the executed notebooks, the committed
 * benchmark, limits and engine results and the architecture diagram; numbers in the text are quotes
 * ({@link Quotes}) rendered from {@code docs/results}, never pasted. {@code seminar-slides/deck.md} is the template;
 * its rendering goes to {@code seminar-slides/dist/deck.md}, which Marp (npm) turns into HTML and PDF with Debian's
 * Chromium. Modules are Marp {@code header} directives; every slide carries a speaker note that starts with its
 * minutes ({@code <!-- 2 min · ... -->}).
 */
public final class SeminarDeck {
    /** Where the deck's Markdown points: {@code ![...](figures/NAME.png)}. */
    private static final Pattern FIGURE = Pattern.compile("\\]\\((figures/[^)\\s]+)\\)");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Pattern COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);
    /** Marp's own directives in comments; every other comment is a speaker note. */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "\\s*_?(class|header|footer|paginate|theme|size|style|backgroundColor|backgroundImage|color|marp|title)\\s*:.*",
            Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("\\s*header\\s*:\\s*(.*?)\\s*", Pattern.DOTALL);
    private static final Pattern MINUTES = Pattern.compile("\\s*(\\d+(?:\\.5)?) min\\b.*", Pattern.DOTALL);

    private final Path home;
    private final Path slides;
    private final Path figures;

    /** What a build produced, for the command and the test. */
    public record Build(Path html, Path pdf, List<String> figures, int slides, int pdfPages,
            Map<String, Integer> slidesPerModule) {
    }

    /** One slide: its module (the latest {@code header} directive), its Markdown and its speaker notes. */
    public record Slide(String module, String markdown, List<String> notes) {
        /** The minutes the first note gives the slide, or 0 when it gives none. */
        public double minutes() {
            if (notes.isEmpty()) {
                return 0;
            }
            Matcher m = MINUTES.matcher(notes.get(0));
            return m.matches() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    public SeminarDeck(Path home) {
        this.home = home;
        this.slides = home.resolve("seminar-slides");
        this.figures = slides.resolve("figures");
    }

    public Build build() {
        collectFigures();
        String markdown = read(slides.resolve("deck.md"));
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
        Path rendered = dist.resolve("deck.md");
        Path html = dist.resolve("deck.html");
        Path pdf = dist.resolve("deck.pdf");
        try {
            Files.createDirectories(dist);
            // dist/deck.md sits one folder below the figures.
            Files.writeString(rendered, render(markdown).replace("](figures/", "](../figures/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        marp(rendered, html, false);
        marp(rendered, pdf, true);
        return new Build(html, pdf, referenced, countSlides(markdown), pdfPages(pdf), slidesPerModule(markdown));
    }

    /** The deck with every quoted figure read from {@code docs/results}; fails on a quote of nothing. */
    public String render(String markdown) {
        return new Quotes(home.resolve("docs/results")).render(markdown);
    }

    /** The slides after the front matter, each with its module and notes. */
    public static List<Slide> slides(String markdown) {
        List<String> lines = markdown.lines().toList();
        int start = 0;
        if (!lines.isEmpty() && lines.get(0).equals("---")) {
            start = lines.subList(1, lines.size()).indexOf("---") + 2;
        }
        List<Slide> out = new ArrayList<>();
        String module = "";
        StringBuilder current = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("---")) {
                module = add(out, module, current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(out, module, current.toString());
        return out;
    }

    private static String add(List<Slide> out, String module, String markdown) {
        List<String> notes = new ArrayList<>();
        Matcher c = COMMENT.matcher(markdown);
        while (c.find()) {
            String text = c.group(1);
            Matcher header = HEADER.matcher(text);
            if (header.matches()) {
                module = header.group(1);
            } else if (!DIRECTIVE.matcher(text).matches()) {
                notes.add(text.strip());
            }
        }
        out.add(new Slide(module, markdown, List.copyOf(notes)));
        return module;
    }

    /** Slides per module, in the deck's order. */
    public static Map<String, Integer> slidesPerModule(String markdown) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        slides(markdown).forEach(s -> counts.merge(s.module(), 1, Integer::sum));
        return counts;
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
            copyPngs(home.resolve("docs/results/engines"), "engines-");
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
