package dev.streaminglab.chart;

import java.io.PrintStream;
import tech.tablesaw.api.Table;

/**
 * Shows a Tablesaw table in a notebook as aligned text. A cell that ends with {@code table.print()} hands the kernel a
 * String, which Jupyter renders as HTML without {@code <pre>}: the columns collapse onto one line, in Jupyter and on
 * GitHub. Printed to standard output, the same text stays a monospaced block. Notebooks call {@code Tables.show(t)}.
 */
public final class Tables {
    private Tables() {
    }

    /** Every row. */
    public static void show(Table table) {
        show(table, System.out);
    }

    /** The first {@code rows} rows, saying how many were left out. */
    public static void show(Table table, int rows) {
        show(table, rows, System.out);
    }

    static void show(Table table, PrintStream out) {
        out.println(table.printAll());
    }

    static void show(Table table, int rows, PrintStream out) {
        if (table.rowCount() <= rows) {
            show(table, out);
            return;
        }
        out.println(table.first(rows).printAll());
        out.println("(first " + rows + " of " + table.rowCount() + " rows)");
    }
}
