package io.prescaler.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one suite measured: a table (printed, and written as JSON rows keyed by column) and notes on how.
 *
 * @param notes facts a reader needs to trust the figures (sizes, counts, settings), printed under the table
 */
public record BenchResult(
        String suite, String title, List<String> columns, List<List<String>> rows, List<String> notes) {

    public BenchResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "suite " + suite + ": a row has " + row.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    /** The rows as column -> cell maps, for the JSON file. */
    public List<Map<String, String>> records() {
        return rows.stream()
                .map(row -> {
                    Map<String, String> record = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        record.put(columns.get(i), row.get(i));
                    }
                    return record;
                })
                .toList();
    }

    /** The table in Markdown, ready for the README. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
