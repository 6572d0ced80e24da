package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak report's trend: a least-squares slope, exact on a line and zero on a flat or single point. */
class SoakTest {
    @Test
    void theSlopeOfALineIsItsGradient() {
        List<double[]> points = List.of(new double[] {0, 10}, new double[] {15, 40}, new double[] {30, 70},
                new double[] {45, 100});
        assertThat(Soak.slope(points)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aFlatSeriesOrASinglePointHasNoTrend() {
        assertThat(Soak.slope(List.of(new double[] {0, 5}, new double[] {15, 5}))).isZero();
        assertThat(Soak.slope(List.of(new double[] {0, 5}))).isZero();
    }
}
