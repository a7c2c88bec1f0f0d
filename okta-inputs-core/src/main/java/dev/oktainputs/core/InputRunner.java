package dev.oktainputs.core;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.api.RecordSink;
import java.io.IOException;

/**
 * Runs an input once, to completion: "sync now" for an ETL job. Loads the input's checkpoint, drains the run,
 * and for each batch writes the records, then saves the checkpoint — never the other way round, so a crash
 * at any point loses nothing (at-least-once). Scheduling and sink retries are the pipeline's business.
 */
public final class InputRunner {

    private InputRunner() {
    }

    /**
     * What one run did.
     *
     * @param batches batches written
     * @param records records written
     * @param upserts of which UPSERT
     * @param deletes of which DELETE
     * @param metrics what the input reported about the run ({@link InputRun#metrics()})
     */
    public record Result(long batches, long records, long upserts, long deletes, RunMetrics metrics) {

        /** A result without input metrics. */
        public Result(long batches, long records, long upserts, long deletes) {
            this(batches, records, upserts, deletes, RunMetrics.EMPTY);
        }

        /** @return the fan-out parents deleted while the run listed them ({@link RunMetrics#PARENTS_VANISHED}) */
        public long parentsVanished() {
            return metrics.count(RunMetrics.PARENTS_VANISHED);
        }

        /**
         * @return the events the run dropped as already delivered ({@code duplicates_dropped}: the System Log's dedup
         *         window); 0 for inputs that do not de-duplicate
         */
        public long duplicatesDropped() {
            return metrics.count("duplicates_dropped");
        }

        /**
         * @return how far behind the run ended ({@code lag}: for the System Log, the injected clock's now at the end of
         *         the run minus the newest {@code published} it read); empty when the run read no new event or the input
         *         does not report it
         */
        public java.util.Optional<java.time.Duration> lag() {
            return metrics.duration("lag");
        }
    }

    /**
     * @param input   the input
     * @param context its context
     * @param sink    where records go
     * @param store   where checkpoints live
     * @return counts
     * @throws IOException when the sink or the store fails (the checkpoint is not advanced past unwritten records)
     */
    public static Result runOnce(OktaInput input, InputContext context, RecordSink sink, CheckpointStore store) throws IOException {
        String org = context.orgUrl().toString();
        Checkpoint checkpoint = store.load(org, input.name()).orElse(Checkpoint.empty());
        long batches = 0;
        long records = 0;
        long deletes = 0;
        RunMetrics metrics;
        try (InputRun run = input.open(context, checkpoint)) {
            Batch batch;
            while ((batch = run.next()) != null) {
                if (!batch.records().isEmpty()) {
                    sink.write(batch.records());
                }
                store.save(org, input.name(), batch.checkpoint());
                batch.committed();
                batches++;
                records += batch.records().size();
                deletes += batch.records().stream().filter(r -> r.op() == dev.oktainputs.api.OktaRecord.Op.DELETE).count();
            }
            metrics = run.metrics();
        }
        return new Result(batches, records, records - deletes, deletes, metrics);
    }
}
