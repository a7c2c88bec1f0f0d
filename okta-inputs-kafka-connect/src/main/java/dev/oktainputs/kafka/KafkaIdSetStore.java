package dev.oktainputs.kafka;

import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.state.IdSetNames;
import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id sets of a Connect task (deletion detection, the System Log's de-duplication and detection windows), kept in
 * a {@link StateLog} — the connector's compacted state topic — so that whichever worker runs the task next reads
 * exactly the sets its offsets name. A directory of the worker ({@link FileIdSetStore}) is only a cache of this task
 * instance: it is filled from the log when the task starts and written through on every save.
 *
 * <p>Layout. Each base or segment file of {@link FileIdSetStore} (gzipped, sorted lines) goes to the log as its raw
 * bytes cut into chunks ({@link StateChunks}: read back only when all chunks are of one write), key
 * {@code <connector>/<org host>/<set>/<generation>/<segment>/<chunk>}.
 *
 * <p>Order. A save returns once the log has acknowledged it, and the input hands out the batch whose checkpoint names
 * the file only after that; Connect commits that checkpoint as a source offset later still. So a committed offset
 * never names state the log does not hold, whichever worker reads it. Writes whose offset is never committed (a
 * crash, an aborted transaction) are named by nothing and are overwritten or removed later.
 *
 * <p>Tidying keeps the log from growing with the runs: once an offset naming generation {@code g} is committed
 * ({@link #retainOnly}), the set's older generations go (tombstones in the log, files in the cache); a new base
 * removes generations older than the one before it that no committed offset names, so runs that emit nothing (and so
 * commit nothing) leave at most three generations of a set. Newer generations and segments are never removed by a
 * commit: a batch fetched but not yet handed out may name them.
 */
final class KafkaIdSetStore implements IdSetStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdSetStore.class);

    private final StateLog log;
    private final FileIdSetStore cache;
    /** The cache's directory when this store owns it ({@link #open}), else null. */
    private TaskCacheDir cacheDir;
    private final String prefix;
    private final String orgUrl;
    private final SecureRandom random = new SecureRandom();
    /** Per set: generation → segment → chunks present in the log (written by us or found at start). */
    private final Map<String, NavigableMap<Long, Map<Integer, Integer>>> known = new HashMap<>();
    /** Per set: the generation the committed offset names. */
    private final Map<String, Long> committed = new HashMap<>();

    /**
     * @param log       the state log
     * @param cache     this task instance's cache directory as a file store (empty at start)
     * @param connector the connector's name
     * @param org       the org URL, exactly as the inputs pass it to this store
     */
    KafkaIdSetStore(StateLog log, FileIdSetStore cache, String connector, String org) {
        this.log = log;
        this.cache = cache;
        this.orgUrl = org;
        this.prefix = connector + "/" + URI.create(org).getAuthority() + "/";
    }

    /**
     * A store for one task instance that owns its log and a fresh cache directory under the connector's state directory;
     * {@link #close()} releases both.
     *
     * @param log          the state log (closed with the store)
     * @param connectorDir the connector's directory under {@code okta.state.dir}
     * @param task         a name for the task (its families)
     * @param connector    the connector's name
     * @param org          the org URL, exactly as the inputs pass it to this store
     * @return the store
     * @throws IOException when the cache directory cannot be made (the log is closed then)
     */
    static KafkaIdSetStore open(StateLog log, java.nio.file.Path connectorDir, String task, String connector, String org)
            throws IOException {
        TaskCacheDir dir;
        try {
            dir = new TaskCacheDir(connectorDir, task);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        KafkaIdSetStore store = new KafkaIdSetStore(log, new FileIdSetStore(dir.path()), connector, org);
        store.cacheDir = dir;
        return store;
    }

    /** @return the state log */
    StateLog log() {
        return log;
    }

    /** No input is in a run: the log releases what an idle task need not hold. */
    void idle() {
        log.idle();
    }

    /** Closes the log and deletes the cache directory this store owns. */
    @Override
    public void close() {
        log.close();
        if (cacheDir != null) {
            cacheDir.close();
        }
    }

    /**
     * Reads the log once and puts into the cache every file that the given offsets name, so that the inputs load their
     * sets as usual; notes every key found for the streams, so that tidying removes what no offset needs.
     *
     * @param offsets each stream's committed offset (null or empty when none)
     * @throws IOException when the log cannot be read
     */
    synchronized void restore(Map<String, Map<String, Object>> offsets) throws IOException {
        Map<String, byte[]> live = log.read(prefix);
        Map<String, long[]> named = new HashMap<>(); // set → the generation and segments the offsets name
        offsets.forEach((stream, offset) -> named.putAll(IdSetNames.named(stream, offset)));
        named.forEach((set, gs) -> committed.put(set, gs[0]));
        Map<String, Map<Integer, byte[]>> files = new HashMap<>(); // "set/gen/seg" → chunks
        for (Map.Entry<String, byte[]> e : live.entrySet()) {
            String[] parts = e.getKey().substring(prefix.length()).split("/");
            if (parts.length != 4 || !offsets.containsKey(IdSetNames.streamOf(parts[0]))) {
                continue;
            }
            long gen;
            int seg;
            int chunk;
            try {
                gen = Long.parseLong(parts[1]);
                seg = Integer.parseInt(parts[2]);
                chunk = Integer.parseInt(parts[3]);
            } catch (NumberFormatException ex) {
                continue;
            }
            note(parts[0], gen, seg, chunk + 1);
            long[] n = named.get(parts[0]);
            if (n != null && gen == n[0] && seg <= n[1]) {
                files.computeIfAbsent(parts[0] + "/" + gen + "/" + seg, f -> new HashMap<>()).put(chunk, e.getValue());
            }
        }
        int restored = 0;
        for (Map.Entry<String, Map<Integer, byte[]>> f : files.entrySet()) {
            String[] parts = f.getKey().split("/");
            byte[] bytes = StateChunks.assemble(f.getValue());
            if (bytes != null) {
                cache.writeRaw(orgUrl, parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]), bytes);
                restored++;
            }
        }
        LOG.info("{}: restored {} id-set files named by the offsets of {} from the state {}", prefix, restored,
                offsets.keySet(), log.describe());
    }

    private void note(String set, long gen, int seg, int chunks) {
        known.computeIfAbsent(set, s -> new TreeMap<>()).computeIfAbsent(gen, g -> new HashMap<>()).merge(seg, chunks, Math::max);
    }

    private String key(String set, long gen, int seg, int chunk) {
        return prefix + set + "/" + gen + "/" + seg + "/" + chunk;
    }

    @Override
    public synchronized Set<String> load(String org, String stream, long generation, int segments) throws IOException {
        return cache.load(org, stream, generation, segments);
    }

    @Override
    public synchronized void forEach(String org, String stream, long generation, int segments, Consumer<String> action)
            throws IOException {
        cache.forEach(org, stream, generation, segments, action);
    }

    @Override
    public synchronized void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException {
        cache.saveBase(org, stream, generation, ids);
        publish(org, stream, generation, 0);
    }

    @Override
    public synchronized void saveBaseInOrder(String org, String stream, long generation, Iterator<String> ids) throws IOException {
        cache.saveBaseInOrder(org, stream, generation, ids);
        publish(org, stream, generation, 0);
    }

    @Override
    public synchronized void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids)
            throws IOException {
        cache.saveSegment(org, stream, generation, segment, ids);
        publish(org, stream, generation, segment);
    }

    /** Writes the cached file to the log (and, after a new base, drops generations nothing can name any more). */
    private void publish(String org, String set, long gen, int seg) throws IOException {
        List<byte[]> chunks = StateChunks.split(cache.readRaw(org, set, gen, seg), random.nextLong());
        int count = chunks.size();
        List<StateLog.Entry> entries = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            entries.add(new StateLog.Entry(key(set, gen, seg, i), chunks.get(i)));
        }
        Integer before = known.getOrDefault(set, new TreeMap<>()).getOrDefault(gen, Map.of()).get(seg);
        for (int i = count; before != null && i < before; i++) {
            entries.add(new StateLog.Entry(key(set, gen, seg, i), null)); // the tail of an earlier, longer write
        }
        log.write(entries);
        known.computeIfAbsent(set, s -> new TreeMap<>()).computeIfAbsent(gen, g -> new HashMap<>()).put(seg, count);
        if (seg == 0) {
            Long c = committed.get(set);
            removeGenerations(org, set, g -> g < gen - 1 && (c == null || g != c));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Called once the offset naming {@code generation} is committed: the set's older generations go. Newer ones and
     * later segments stay (a batch not yet handed out may name them).
     */
    @Override
    public synchronized void retainOnly(String org, String stream, long generation, int segments) throws IOException {
        committed.merge(stream, generation, Math::max);
        removeGenerations(org, stream, g -> g < generation);
    }

    private void removeGenerations(String org, String set, java.util.function.LongPredicate remove) throws IOException {
        NavigableMap<Long, Map<Integer, Integer>> gens = known.get(set);
        if (gens == null) {
            return;
        }
        List<StateLog.Entry> tombstones = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        for (Map.Entry<Long, Map<Integer, Integer>> g : gens.entrySet()) {
            if (remove.test(g.getKey())) {
                for (Map.Entry<Integer, Integer> s : g.getValue().entrySet()) {
                    for (int c = 0; c < s.getValue(); c++) {
                        tombstones.add(new StateLog.Entry(key(set, g.getKey(), s.getKey(), c), null));
                    }
                    cache.delete(org, set, g.getKey(), s.getKey());
                }
                gone.add(g.getKey());
            }
        }
        log.write(tombstones);
        gone.forEach(gens::remove);
    }

    @Override
    public String toString() {
        return "KafkaIdSetStore[" + log.describe() + ", " + prefix + "]";
    }
}
