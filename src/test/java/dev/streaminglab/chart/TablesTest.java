package dev.streaminglab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {
    private final Table table = Table.create("sensors", StringColumn.create("key", "a", "b", "c"),
            IntColumn.create("value", 1, 2, 3));

    @Test
    void everyRowOnALineOfItsOwn() {
        String text = shown(out -> Tables.show(table, out));
        assertThat(text.lines()).hasSize(6).first().asString().contains("sensors");
        assertThat(text.lines().skip(3)).containsExactly("   a  |      1  |", "   b  |      2  |", "   c  |      3  |");
    }

    @Test
    void aLongTableSaysHowManyRowsItLeftOut() {
        String text = shown(out -> Tables.show(table, 2, out));
        assertThat(text).contains("   b  |      2  |").doesNotContain("   c  |").endsWith("(first 2 of 3 rows)\n");
        assertThat(shown(out -> Tables.show(table, 3, out))).doesNotContain("first");
    }

    private static String shown(Consumer<PrintStream> show) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        show.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
