package dev.streaminglab.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The kit's one chart style, for notebooks, reports and slides alike: 16:9, fonts large enough for a projector,
 * thousands separators instead of "5E5", and a footer saying where the figures come from (machine, commit,
 * profile, date). Measured figures are drawn with their spread: the median, and a whisker or band over min–max.
 * Notebooks show a chart with {@code display(Charts.image(chart, footer))}; reports save it with {@link #savePng}.
 */
public final class Charts {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    private static final int FOOTER_HEIGHT = 34;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 28);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font FOOTER = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    private Charts() {
    }

    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
            List<? extends Number> values) {
        CategoryChart chart = bars(title, xTitle, yTitle);
        chart.addSeries(yTitle, categories, values);
        return chart;
    }

    /**
     * Bars at the medians with whiskers over every repetition: XChart draws symmetric error bars, so each whisker
     * reaches the farther of min and max (it covers the whole range, never less).
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle, String series,
            List<String> categories, List<Double> medians, List<Double> mins, List<Double> maxes) {
        CategoryChart chart = bars(title, xTitle, yTitle);
        addBars(chart, series, categories, medians, mins, maxes);
        return chart;
    }

    /** Adds one series of bars with min–max whiskers to a chart (several series give grouped bars). */
    public static void addBars(CategoryChart chart, String series, List<String> categories, List<Double> medians,
            List<Double> mins, List<Double> maxes) {
        List<Double> whiskers = new ArrayList<>();
        for (int i = 0; i < medians.size(); i++) {
            whiskers.add(Math.max(medians.get(i) - mins.get(i), maxes.get(i) - medians.get(i)));
        }
        chart.addSeries(series, categories, medians, whiskers);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
    }

    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * A line through the medians, with each point's min–max drawn as a vertical segment of the same colour, so
     * asymmetric spreads show as they are.
     */
    public static XYSeries addLine(XYChart chart, String series, List<Double> x, List<Double> medians,
            List<Double> mins, List<Double> maxes) {
        XYSeries line = chart.addSeries(series, x, medians);
        line.setMarker(SeriesMarkers.CIRCLE);
        for (int i = 0; i < x.size(); i++) {
            if (!mins.get(i).equals(maxes.get(i))) {
                XYSeries range = chart.addSeries(series + " range " + i, List.of(x.get(i), x.get(i)),
                        List.of(mins.get(i), maxes.get(i)));
                range.setMarker(SeriesMarkers.NONE);
                range.setLineStyle(SeriesLines.SOLID);
                range.setShowInLegend(false);
                range.setLineColor(line.getLineColor());
            }
        }
        return line;
    }

    /** A logarithmic y axis, for figures that span decades (latency percentiles, rates). */
    public static <C extends Chart<? extends AxesChartStyler, ?>> C logY(C chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        if (chart instanceof CategoryChart bars) {
            // Bars start at 0 unless told otherwise, which a log axis refuses: start at the decade below the
            // lowest whisker.
            double lowest = Double.POSITIVE_INFINITY;
            for (CategorySeries s : bars.getSeriesMap().values()) {
                List<? extends Number> y = List.copyOf(s.getYData());
                List<? extends Number> err = s.getExtraValues() == null ? null : List.copyOf(s.getExtraValues());
                for (int i = 0; i < y.size(); i++) {
                    lowest = Math.min(lowest, y.get(i).doubleValue() - (err == null ? 0 : err.get(i).doubleValue()));
                }
            }
            if (lowest > 0 && lowest < Double.POSITIVE_INFINITY) {
                bars.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
            }
        }
        return chart;
    }

    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart with a footer line under it (where the figures come from). */
    public static BufferedImage image(Chart<?, ?> chart, String footer) {
        BufferedImage plot = BitmapEncoder.getBufferedImage(chart);
        BufferedImage out = new BufferedImage(plot.getWidth(), plot.getHeight() + FOOTER_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(plot, 0, 0, null);
        g.setColor(Color.GRAY);
        g.setFont(FOOTER);
        g.drawString(footer, 12, plot.getHeight() + FOOTER_HEIGHT - 11);
        g.dispose();
        return out;
    }

    public static Path savePng(Chart<?, ?> chart, Path file) {
        return savePng(image(chart), file);
    }

    public static Path savePng(Chart<?, ?> chart, Path file, String footer) {
        return savePng(image(chart, footer), file);
    }

    private static Path savePng(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(LEGEND);
        s.setAntiAlias(true);
        if (s instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
            axes.setAxisTitleFont(AXIS_TITLE);
            axes.setAxisTickLabelsFont(TICKS);
            axes.setYAxisDecimalPattern("#,##0.###");
        }
    }
}
