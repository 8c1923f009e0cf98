package io.credence.cli.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file with a header row (RFC 4180: comma-separated, optional double quotes, "" for a quote inside quotes),
 * read whole; cells are kept as text and converted on request, with errors that name the line and column.
 *
 * @param columns the header's column names
 * @param rows    the data rows, each with exactly {@code columns.size()} cells
 * @param lines   the 1-based file line where each row starts, for error messages
 */
public record CsvTable(List<String> columns, List<List<String>> rows, List<Integer> lines) {

    /** Copies the lists; every row must have one cell per column. */
    public CsvTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        lines = List.copyOf(lines);
    }

    /**
     * Reads {@code file}.
     *
     * @throws CsvException when the file is empty, a header name repeats, a quote is not closed, or a row has a
     *                      different number of cells than the header
     */
    public static CsvTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static CsvTable parse(String text, String source) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> { quoted = true; any = true; }
                case ',' -> { cells.add(cell.toString().trim()); cell.setLength(0); any = true; }
                case '\r' -> { }
                case '\n' -> {
                    if (any || cell.length() > 0) {
                        cells.add(cell.toString().trim());
                        records.add(cells);
                        starts.add(recordLine);
                    }
                    cells = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                }
                default -> { cell.append(c); any = true; }
            }
        }
        if (quoted) throw new CsvException(source + " line " + recordLine + ": a quoted cell is not closed");
        if (any || cell.length() > 0) {
            cells.add(cell.toString().trim());
            records.add(cells);
            starts.add(recordLine);
        }
        if (records.isEmpty()) throw new CsvException(source + " is empty: expected a header row and data rows");
        List<String> header = records.get(0);
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isEmpty()) throw new CsvException(source + " line 1: a header cell is empty");
            if (!seen.add(name)) throw new CsvException(source + " line 1: column \"" + name + "\" appears twice");
        }
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != header.size()) {
                throw new CsvException(source + " line " + starts.get(r) + ": " + records.get(r).size()
                        + " cells, but the header has " + header.size());
            }
        }
        return new CsvTable(header, records.subList(1, records.size()), starts.subList(1, starts.size()));
    }

    /**
     * The index of column {@code name}.
     *
     * @throws CsvException naming the columns there are
     */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) throw new CsvException("no column \"" + name + "\"; the columns are " + String.join(", ", columns));
        return i;
    }

    /** The indexes of {@code names}, or of every column not in {@code excluded} when {@code names} is empty. */
    public List<Integer> columnsOrAllBut(List<String> names, List<String> excluded) {
        if (!names.isEmpty()) return names.stream().map(this::column).toList();
        excluded.forEach(this::column);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!excluded.contains(columns.get(i))) out.add(i);
        }
        if (out.isEmpty()) throw new CsvException("no feature columns left: the columns are " + String.join(", ", columns));
        return out;
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** The text of one cell. */
    public String text(int row, int column) {
        return rows.get(row).get(column);
    }

    /**
     * The cell as a finite number.
     *
     * @throws CsvException naming the line and column when it is empty, not a number, NaN or infinite
     */
    public double number(int row, int column) {
        String t = text(row, column);
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw cellError(row, column, "\"" + t + "\" is not a number");
        }
        if (!Double.isFinite(v)) throw cellError(row, column, "\"" + t + "\" is not a finite number");
        return v;
    }

    /** The cells of {@code columns} in one row, as numbers (see {@link #number}). */
    public double[] numbers(int row, List<Integer> columns) {
        double[] out = new double[columns.size()];
        for (int j = 0; j < out.length; j++) out[j] = number(row, columns.get(j));
        return out;
    }

    /** An error about one cell, naming its line and column. */
    public CsvException cellError(int row, int column, String problem) {
        return new CsvException("line " + lines.get(row) + ", column \"" + columns.get(column) + "\": " + problem);
    }
}
