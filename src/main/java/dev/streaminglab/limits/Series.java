package dev.streaminglab.limits;

import java.util.ArrayList;
import java.util.List;

/** One line of a chart an experiment measured (e.g. restore time against store size). */
public record Series(String name, String xLabel, String yLabel, List<Double> x, List<Double> y) {
    public Series {
        x = List.copyOf(x);
        y = List.copyOf(y);
    }

    /** Collects the points of a series while an experiment runs. */
    public static final class Builder {
        private final String name;
        private final String xLabel;
        private final String yLabel;
        private final List<Double> x = new ArrayList<>();
        private final List<Double> y = new ArrayList<>();

        public Builder(String name, String xLabel, String yLabel) {
            this.name = name;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        public synchronized Builder add(double xValue, double yValue) {
            x.add(xValue);
            y.add(yValue);
            return this;
        }

        public synchronized Series build() {
            return new Series(name, xLabel, yLabel, x, y);
        }
    }
}
