package dev.oktainputs.bench;

import java.util.List;
import java.util.Locale;

/**
 * Renders {@link Row}s as one Markdown table. "CPU ÷ floor client" and "RSS ÷ floor client" divide a row's CPU time and
 * max RSS by those of the floor client's row ({@link FloorSync}) of the same scenario, where it has one.
 */
final class ResultTable {

    private ResultTable() {
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | side | wall | startup | floor | wall/floor | CPU | CPU ÷ floor client | allocated | peak heap"
                + " | max RSS | RSS ÷ floor client | 429s | requests | records |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Row floor = rows.stream().filter(f -> f.scenario().equals(r.scenario()) && f.side().equals(Sides.FLOOR) && f.ok())
                    .findFirst().orElse(null);
            sb.append("| ").append(r.scenario())
                    .append(" | ").append(r.side())
                    .append(" | ").append(r.ok() ? seconds(r.wallNanos()) : "FAILED" + (r.note().isEmpty() ? "" : ": " + r.note().replace("|", "/")))
                    .append(" | ").append(r.ok() && r.startupNanos() > 0 ? seconds(r.startupNanos()) : "—")
                    .append(" | ").append(r.floorNanos() > 0 ? seconds(r.floorNanos()) : "—")
                    .append(" | ").append(r.ok() && r.floorNanos() > 0
                            ? String.format(Locale.ROOT, "%.2f", (double) r.wallNanos() / r.floorNanos()) : "—")
                    .append(" | ").append(r.ok() || r.cpuNanos() > 0 ? seconds(r.cpuNanos()) : "—")
                    .append(" | ").append(ratio(r, floor, r.cpuNanos(), floor == null ? 0 : floor.cpuNanos()))
                    .append(" | ").append(r.ok() || r.allocated() > 0 ? bytes(r.allocated()) : "—")
                    .append(" | ").append(r.ok() || r.peakHeap() > 0 ? bytes(r.peakHeap()) : "—")
                    .append(" | ").append(r.ok() && r.maxRss() > 0 ? bytes(r.maxRss()) : "—")
                    .append(" | ").append(ratio(r, floor, r.maxRss(), floor == null ? 0 : floor.maxRss()))
                    .append(" | ").append(r.rateLimited())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", r.requests()))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", r.records()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String ratio(Row r, Row floor, long ours, long theirs) {
        return r.ok() && floor != null && ours > 0 && theirs > 0 ? String.format(Locale.ROOT, "%.2f", (double) ours / theirs) : "—";
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", b / (double) (1L << 20));
    }
}
