package dev.oktainputs.runner;

import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.RetryPolicy;
import dev.oktainputs.core.state.FileCheckpointStore;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.time.Sleeper;
import dev.oktainputs.runner.db.Database;
import dev.oktainputs.runner.db.DbSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** Builds the client, sink and pipeline a configuration describes. */
final class Runner {

    private Runner() {
    }

    static OktaClient client(RunnerConfig config, Clock clock, Sleeper sleeper) {
        return client(config, clock, sleeper, null);
    }

    /**
     * @param base an OkHttp client whose connection pool, dispatcher and network interceptors (the metrics') the Okta
     *             client shares, or null; the caller closes it
     */
    static OktaClient client(RunnerConfig config, Clock clock, Sleeper sleeper, okhttp3.OkHttpClient base) {
        OktaClient.Builder b = OktaClient.builder(config.orgUrl(), credentials(config));
        if (base != null) {
            b.okHttpClient(base);
        }
        return b
                .time(clock, sleeper)
                .maxConcurrent(config.http().maxConcurrent())
                .headroom(config.http().headroom())
                .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(config.http().maxAttempts())
                        .withMaxElapsed(config.http().maxRetryTime()))
                .prefetchPages(config.http().prefetch())
                .userAgentSuffix(config.http().userAgentSuffix())
                .build();
    }

    /** Core's {@link ConnectionSettings} builds the credentials, as it does for the Kafka connector. */
    static OktaCredentials credentials(RunnerConfig config) {
        try {
            return settings(config).credentials(scopes(config));
        } catch (OktaConfigurationException e) {
            // core names the fields as its API does; name them as this YAML file does
            throw new OktaConfigurationException(e.problems().stream().map(ConfigKeys::inYamlTerms).toList());
        }
    }

    /** @return the configuration's connection settings, as core declares them */
    static ConnectionSettings settings(RunnerConfig config) {
        return config.auth().settings(config.orgUrl().toString());
    }

    /**
     * @return core's warnings about the connection settings (e.g. a key_id that differs from the JWK's kid), fields named
     *         as this YAML file does; no secret in them
     */
    static List<String> warnings(RunnerConfig config) {
        return settings(config).warnings().stream().map(ConfigKeys::inYamlTerms).toList();
    }

    /** @return the union of the configured inputs' OAuth scopes */
    static SortedSet<String> scopes(RunnerConfig config) {
        return Inputs.requiredScopes(config.inputs().stream().map(RunnerConfig.Input::input).toList());
    }

    static RecordSink sink(RunnerConfig config, PrintWriter stdout) throws IOException {
        if ("stdout".equals(config.sink().type())) {
            return new StdoutSink(stdout);
        }
        if (config.sink().isDatabase()) {
            List<String> streams = config.inputs().stream().flatMap(in -> in.input().streams().stream()).distinct().toList();
            Database db = database(config.sink());
            try {
                return DbSink.open(db, streams);
            } catch (IOException | RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return new JsonLinesFileSink(config.sink().path());
    }

    /** @return the database of a {@code duckdb} or {@code jdbc} sink, not yet connected */
    static Database database(RunnerConfig.Sink sink) {
        return "duckdb".equals(sink.type()) ? Database.duckdb(sink.path())
                : Database.postgresql(sink.url(), sink.user(), sink.password());
    }

    /**
     * Checks that the state directory can be used before anything runs.
     *
     * @throws OktaConfigurationException naming state_dir when it cannot be created or written
     */
    static void checkStateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new OktaConfigurationException("state_dir", dir + " cannot be created or written (" + e.getClass().getSimpleName()
                    + "). Fix: point state_dir at a writable local directory");
        }
    }

    /**
     * Checks that the file sink's directory can be used before anything runs, as {@link #checkStateDir} does.
     *
     * @throws OktaConfigurationException naming sink.path when it cannot be created or written
     */
    static void checkSinkDir(RunnerConfig.Sink sink) {
        if (sink != null && "duckdb".equals(sink.type()) && sink.path() != null) {
            Path dir = sink.path().toAbsolutePath().getParent();
            try {
                Files.createDirectories(dir);
            } catch (IOException | SecurityException e) {
                throw new OktaConfigurationException("sink.path", dir + " cannot be created (" + e.getClass().getSimpleName()
                        + "). Fix: point sink.path at a DuckDB file in a writable directory, e.g. path: ./okta.duckdb");
            }
            return;
        }
        if (sink == null || !"file".equals(sink.type()) || sink.path() == null) {
            return;
        }
        try {
            Files.createDirectories(sink.path());
            Path probe = Files.createTempFile(sink.path(), ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String why = ConfigLoader.directoryProblem(sink.path());
            throw new OktaConfigurationException("sink.path", (why != null ? why : sink.path() + " cannot be created or written ("
                    + e.getClass().getSimpleName() + ")") + ". Fix: point sink.path at a writable local directory (the JSONL"
                    + " files go in it), e.g. path: ./okta-out");
        }
    }

    /**
     * Builds the pipeline. With a database sink the checkpoints are the database's. With the file sink, first cuts each output file back to what its input's checkpoint covers
     * (see {@link OutputCheckpointStore}): after a kill, nothing is lost and nothing is written twice.
     *
     * @throws IOException when a checkpoint cannot be read or an output file cannot be cut back
     */
    static Pipeline pipeline(RunnerConfig config, OktaClient client, RecordSink sink, Pipeline.Listener listener,
                             Clock clock, Sleeper sleeper) throws IOException {
        FileCheckpointStore files = new FileCheckpointStore(config.stateDir());
        String org = client.orgUrl().toString();
        files.deleteLeftoverTempFiles(org);
        CheckpointStore checkpoints = files;
        if (sink instanceof DbSink db) {
            checkpoints = db;   // each batch and its checkpoint in one transaction
        } else if (sink instanceof JsonLinesFileSink fileSink) {
            Map<String, List<String>> streams = new LinkedHashMap<>();
            config.inputs().forEach(in -> streams.put(in.input().name(), in.input().streams()));
            OutputCheckpointStore aligned = new OutputCheckpointStore(files, fileSink, streams);
            aligned.recover(org);
            checkpoints = aligned;
        }
        FileIdSetStore ids = new FileIdSetStore(config.stateDir());
        Pipeline.Builder b = Pipeline.builder().sink(sink).checkpoints(checkpoints).time(clock, sleeper).listener(listener);
        for (RunnerConfig.Input in : config.inputs()) {
            b.input(in.input(), new InputContext(client, in.options(), ids), in.schedule());
        }
        return b.build();
    }
}
