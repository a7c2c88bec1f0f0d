package dev.oktainputs.runner;

import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.time.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.oktainputs.runner.db.DatabaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code okta-inputs run --config FILE [--once]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the configured inputs on their cron schedules until stopped (Ctrl-C saves checkpoints and exits 0).")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path config;

    @Option(names = "--once", description = "Run every configured input once and exit: 0 when all succeeded.")
    private boolean once;

    private final Map<String, String> env;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        RunnerConfig cfg = new ConfigLoader(env).load(config);
        Runner.checkStateDir(cfg.stateDir());
        Runner.checkSinkDir(cfg.sink());
        return run(cfg, spec.commandLine().getOut(), spec.commandLine().getErr(), once, null);
    }

    /**
     * Runs a validated configuration.
     *
     * @param stopper when not null, counted down to stop a continuous run (the demo's timer); signals also stop it
     */
    static int run(RunnerConfig cfg, PrintWriter out, PrintWriter err, boolean once, CountDownLatch stopper) throws Exception {
        Clock clock = Clock.systemUTC();
        Runner.warnings(cfg).forEach(w -> err.println("warning: " + w));
        if (cfg.metricsPort() != null) {
            return withMetrics(cfg, out, err, once, stopper, clock);
        }
        try (OktaClient client = Runner.client(cfg, clock, Sleeper.SYSTEM)) {
            return run(cfg, client, null, out, err, once, stopper, clock);
        }
    }

    /** A run with the Prometheus endpoint of {@code metrics.port} up for its whole length. */
    private static int withMetrics(RunnerConfig cfg, PrintWriter out, PrintWriter err, boolean once, CountDownLatch stopper,
                                   Clock clock) throws Exception {
        java.util.concurrent.atomic.AtomicReference<OktaClient> current = new java.util.concurrent.atomic.AtomicReference<>();
        RunnerMetrics metrics;
        try {
            metrics = new RunnerMetrics(cfg.metricsPort(),
                    () -> current.get() == null ? Map.of() : current.get().governor().views());
        } catch (java.io.IOException e) {
            throw new dev.oktainputs.core.error.OktaConfigurationException("metrics.port", "cannot serve on 127.0.0.1:"
                    + cfg.metricsPort() + " (" + e.getMessage() + "). Fix: pick a free port");
        }
        okhttp3.OkHttpClient base = new okhttp3.OkHttpClient.Builder().addNetworkInterceptor(metrics.http()).build();
        try (metrics; OktaClient client = Runner.client(cfg, clock, Sleeper.SYSTEM, base)) {
            current.set(client);
            err.println("metrics: http://127.0.0.1:" + metrics.port() + "/metrics");
            return run(cfg, client, metrics, out, err, once, stopper, clock);
        } finally {
            base.dispatcher().executorService().shutdown();
            base.connectionPool().evictAll();
        }
    }

    /** Runs on a built client; {@code metrics} (or null) hears the pipeline. */
    private static int run(RunnerConfig cfg, OktaClient client, RunnerMetrics metrics, PrintWriter out, PrintWriter err,
                           boolean once, CountDownLatch stopper, Clock clock) throws Exception {
        CountDownLatch stop = stopper == null ? new CountDownLatch(1) : stopper;
        RecordSink sink = once ? Runner.sink(cfg, out) : sinkOnSchedule(cfg, out, err, clock, stop);
        if (sink == null) {
            return Main.OK; // stopped while the database was unreachable
        }
        java.io.PrintStream errStream = new java.io.PrintStream(new WriterOutputStream(err), true, java.nio.charset.StandardCharsets.UTF_8);
        Progress progress = new Progress(errStream, System.console() != null, clock, client.governor()::views);
        Pipeline.Listener listener = metrics == null ? progress : metrics.listener(progress);
        try (Pipeline pipeline = Runner.pipeline(cfg, client, sink, listener, clock, Sleeper.SYSTEM)) {
            if (once) {
                List<Pipeline.RunResult> results = pipeline.runOnce();
                return exitCode(results);
            }
            Signals.onInterrupt(stop::countDown);
            Thread hook = new Thread(pipeline::stop, "okta-inputs-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            pipeline.start();
            err.println("running " + cfg.inputs().size() + " input(s) against " + cfg.orgUrl() + "; writing to " + sink
                    + "; Ctrl-C stops");
            stop.await();
            err.println("stopping: finishing the batches in flight and saving checkpoints…");
            pipeline.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running; it stops the same pipeline
            }
            err.println("stopped; checkpoints are in " + cfg.stateDir());
            return Main.OK;
        } finally {
            if (sink instanceof AutoCloseable) {
                ((AutoCloseable) sink).close();
            }
        }
    }

    /**
     * The sink of a continuous run. A database that cannot be reached is tried again at the next fire of any input's
     * schedule (the error printed each time, the password never), until it answers or the run is stopped.
     *
     * @return the sink, or null when stopped first
     */
    private static RecordSink sinkOnSchedule(RunnerConfig cfg, PrintWriter out, PrintWriter err, Clock clock,
                                             CountDownLatch stop) throws Exception {
        if (!cfg.sink().isDatabase()) {
            return Runner.sink(cfg, out);
        }
        Signals.onInterrupt(stop::countDown);
        while (true) {
            try {
                return Runner.sink(cfg, out);
            } catch (DatabaseException e) {
                java.time.Instant now = clock.instant();
                java.time.Instant next = cfg.inputs().stream().map(in -> in.schedule().nextFireAfter(now))
                        .flatMap(java.util.Optional::stream).min(java.util.Comparator.naturalOrder())
                        .orElse(now.plusSeconds(60));
                err.println("error: " + e.getMessage() + "; trying again at the next fire, " + next);
                if (stop.await(Math.max(1, java.time.Duration.between(now, next).toMillis()), TimeUnit.MILLISECONDS)) {
                    return null;
                }
            }
        }
    }

    private static int exitCode(List<Pipeline.RunResult> results) {
        int code = Main.OK;
        for (Pipeline.RunResult r : results) {
            if (!r.ok()) {
                int c = r.failure() instanceof OktaException ? Main.exitCodeOf(r.failure()) : Main.FAILED;
                code = Math.max(code, c);
            }
        }
        return code;
    }
}
