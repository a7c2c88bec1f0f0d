package dev.oktainputs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What one measured JVM spent, read from inside it: wall time from when {@link #start()} handed over to the measured
 * program, the process's CPU time (every thread: the work, the JIT and the GC), the bytes allocated on the heap and the
 * peak heap.
 *
 * <p>Allocated bytes: JDK 17 has no process-wide counter, so a daemon thread reads every live thread's
 * {@code getThreadAllocatedBytes} every 50 ms and keeps the last value per thread; a thread that ends between two
 * reads loses at most its last 50 ms. Peak heap: the sum of the heap pools' peak usage (an upper bound of the peak
 * of the total, as the pools peak at different moments). Max RSS: the kernel's high-water mark of the process's
 * resident memory (heap, metaspace, code cache, threads, GC structures), read when the side ends.
 */
final class ProcessMetrics {

    /** When this harness handed over to the measured program: the origin of wall time (our set-up excluded). */
    private volatile long startNanos;
    /** The same moment by the wall clock: the origin of startup, compared with the fake org's arrival times. */
    private volatile long startEpochMillis;
    private final Map<Long, Long> allocatedByThread = new HashMap<>();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Thread sampler;
    private volatile boolean running = true;

    private ProcessMetrics() {
        threads.setThreadAllocatedMemoryEnabled(true);
        sampler = new Thread(this::sampleLoop, "bench-metrics");
        sampler.setDaemon(true);
    }

    /** @return metrics counting from now */
    static ProcessMetrics start() {
        ProcessMetrics m = new ProcessMetrics();
        m.sampler.start();
        // JMX's set-up (~30 ms on a cold JVM) is ours, not the side's: neither its wall time nor its startup counts it.
        m.startNanos = System.nanoTime();
        m.startEpochMillis = System.currentTimeMillis();
        return m;
    }

    private void sampleLoop() {
        while (running) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        long self = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0 && ids[i] != sampler.getId() && ids[i] != self) {
                allocatedByThread.merge(ids[i], bytes[i], Math::max);
            }
        }
    }

    /** @return the process's peak resident set size ({@code VmHWM} of {@code /proc/self/status}), 0 where there is none */
    static long maxRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.substring(6).strip().split("\\s+");
                    return Long.parseLong(f[0]) * 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux
        }
        return 0;
    }

    /**
     * CPU time of the live threads by kind, from {@code /proc/self/task/<tid>/stat} (user + system, in ms): the
     * thread's name as the kernel has it (15 characters at most; Java's {@code main} is {@code java}) with its trailing
     * number dropped ({@code C2 CompilerThre} for all C2 compiler threads), and
     * {@code user} / {@code system} of the whole process from {@code /proc/self/stat}; threads that already ended are in
     * the process's figures only. A diagnosis aid (where does the CPU beyond the Java samples of a profile go: JIT, GC,
     * the kernel?), written beside the figures; empty where there is no {@code /proc}.
     */
    static Map<String, Long> cpuByThreadKind() {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        try {
            long tick = 10; // ms per clock tick (USER_HZ is 100 on Linux)
            long[] process = userSystemTicks(Files.readString(Path.of("/proc/self/stat")));
            byKind.put("user", process[0] * tick);
            byKind.put("system", process[1] * tick);
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[#-]?\\d+$", "").strip().replace(' ', '_');
                    long[] t = userSystemTicks(stat);
                    byKind.merge("thread." + name, (t[0] + t[1]) * tick, Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byKind;
    }

    /** @return utime and stime (fields 14 and 15) of a {@code stat} line; the name in parentheses may hold spaces */
    private static long[] userSystemTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 3.. from here: 14 -> 11, 15 -> 12
    }

    /**
     * Stops sampling and writes the figures as a properties file.
     *
     * @param file  where
     * @param extra more figures of the side (e.g. {@code lines})
     */
    void finish(Path file, Map<String, String> extra) {
        long wall = System.nanoTime() - startNanos;
        running = false;
        sample();
        long allocated;
        synchronized (this) {
            allocated = allocatedByThread.values().stream().mapToLong(Long::longValue).sum();
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        Properties p = new Properties();
        p.setProperty("wall_nanos", Long.toString(wall));
        p.setProperty("start_epoch_millis", Long.toString(startEpochMillis));
        p.setProperty("cpu_nanos", Long.toString(cpu));
        p.setProperty("allocated_bytes", Long.toString(allocated));
        p.setProperty("peak_heap_bytes", Long.toString(peak));
        p.setProperty("max_rss_bytes", Long.toString(maxRss()));
        p.setProperty("max_heap_bytes", Long.toString(Runtime.getRuntime().maxMemory()));
        cpuByThreadKind().forEach((kind, millis) -> p.setProperty("cpu_ms." + kind, Long.toString(millis)));
        extra.forEach(p::setProperty);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "okta-inputs-bench side metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
