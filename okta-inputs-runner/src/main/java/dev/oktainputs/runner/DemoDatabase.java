package dev.oktainputs.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's second pipeline: the same inputs into the DuckDB file that {@code okta-inputs query} reads, on a thread
 * of its own, stopped by the demo's stop latch. Its progress lines are not shown (the file pipeline's are); its
 * errors are, prefixed {@code [duckdb]}.
 */
final class DemoDatabase {

    private final Thread thread;
    private volatile int code = Main.OK;

    private DemoDatabase(RunnerConfig cfg, PrintWriter err, CountDownLatch stop) {
        PrintWriter errors = new PrintWriter(new ErrorLines(err), true);
        thread = new Thread(() -> {
            try {
                code = RunCommand.run(cfg, new PrintWriter(new StringWriter()), errors, false, stop);
            } catch (Exception e) {
                err.println("[duckdb] " + Main.describe(e));
                code = Main.exitCodeOf(e);
            }
        }, "okta-demo-duckdb");
        thread.setDaemon(true);
    }

    /** @return the pipeline, started */
    static DemoDatabase start(RunnerConfig cfg, PrintWriter err, CountDownLatch stop) {
        DemoDatabase d = new DemoDatabase(cfg, err, stop);
        d.thread.start();
        return d;
    }

    /** @return its exit code, once it stopped */
    int await() throws InterruptedException {
        thread.join();
        return code;
    }

    /** Passes on the lines that report an error or a warning, prefixed; drops progress. */
    private static final class ErrorLines extends Writer {
        private final PrintWriter target;
        private final StringBuilder line = new StringBuilder();

        ErrorLines(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n' || c == '\r') {
                    String l = line.toString();
                    if (l.startsWith("error") || l.startsWith("warning") || l.contains("run failed")) {
                        target.println("[duckdb] " + l);
                    }
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
