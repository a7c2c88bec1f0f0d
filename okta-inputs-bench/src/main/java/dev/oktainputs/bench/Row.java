package dev.oktainputs.bench;

/**
 * One line of the results table: one side of one scenario.
 *
 * @param scenario    e.g. {@code 1. users full sync}
 * @param side        {@code okta-inputs} or {@code okta-sdk-java}
 * @param ok          whether the side completed and wrote what it should
 * @param wallNanos   its wall time, from its main() to its end
 * @param startupNanos from its main() to the fake org's receiving its first request (CLI, config and client set-up,
 *                    class loading)
 * @param floorNanos  the scenario's floor, or 0 when it has none
 * @param cpuNanos    its process CPU time
 * @param allocated   heap bytes allocated
 * @param peakHeap    peak heap bytes
 * @param maxRss      the process's peak resident set size in bytes (0 where unknown)
 * @param rateLimited 429s the fake org answered because a budget was spent
 * @param requests    requests the fake org received
 * @param records     lines written
 * @param note        what else to say (failure, heap limit), may be empty
 */
record Row(String scenario, String side, boolean ok, long wallNanos, long startupNanos, long floorNanos, long cpuNanos, long allocated,
           long peakHeap, long maxRss, int rateLimited, int requests, long records, String note) {

    /** @return this row under another scenario label */
    Row withScenario(String label) {
        return new Row(label, side, ok, wallNanos, startupNanos, floorNanos, cpuNanos, allocated, peakHeap, maxRss, rateLimited,
                requests, records, note);
    }

    /** @return this row under another side label */
    Row withSide(String label) {
        return new Row(scenario, label, ok, wallNanos, startupNanos, floorNanos, cpuNanos, allocated, peakHeap, maxRss, rateLimited,
                requests, records, note);
    }

    /**
     * @param runs rows of one side of one scenario
     * @return one row with each figure's median over the runs (failed if any run failed, with the first failure's note)
     */
    static Row median(java.util.List<Row> runs) {
        Row first = runs.get(0);
        java.util.Optional<Row> failed = runs.stream().filter(r -> !r.ok()).findFirst();
        return new Row(first.scenario(), first.side(), failed.isEmpty(), med(runs, Row::wallNanos), med(runs, Row::startupNanos),
                first.floorNanos(), med(runs, Row::cpuNanos), med(runs, Row::allocated), med(runs, Row::peakHeap), med(runs, Row::maxRss),
                (int) med(runs, Row::rateLimited), (int) med(runs, Row::requests), med(runs, Row::records),
                failed.map(Row::note).orElse(""));
    }

    private static long med(java.util.List<Row> runs, java.util.function.ToLongFunction<Row> figure) {
        long[] v = runs.stream().mapToLong(figure).sorted().toArray();
        return v[v.length / 2];
    }
}
