package dev.oktainputs.runner;

import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.runner.db.Database;
import dev.oktainputs.runner.db.DatabaseException;
import dev.oktainputs.runner.db.Queries;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code okta-inputs query --config FILE "SQL" [--format table|csv|json]}: runs one SQL statement on the database of
 * the file's sink ({@code duckdb} or {@code jdbc}) and prints the result. Only the {@code sink} section is read (no
 * Okta credentials needed). Bad SQL → exit 2 with the database's message; the database unreachable → exit 1.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL on the configured database sink (duckdb or jdbc) and print the result, e.g. "
                + "okta-inputs query --config okta.yaml \"SELECT * FROM admins\".")
final class QueryCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, csv, json }

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file (its sink section).")
    private Path config;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), csv or json (an array of objects).")
    private Format format;

    @Parameters(index = "0", paramLabel = "SQL", description = "One SQL statement, e.g. \"SELECT * FROM user_app_access\".")
    private String sql;

    private final Map<String, String> env;

    QueryCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        RunnerConfig.Sink sink = new ConfigLoader(env).loadSink(config);
        if (!sink.isDatabase()) {
            throw new OktaConfigurationException("sink.type", "query reads a database sink, and this file's sink is "
                    + sink.type() + ". Fix: pass a configuration with sink type duckdb or jdbc");
        }
        Database db;
        if ("duckdb".equals(sink.type())) {
            if (!Files.isRegularFile(sink.path())) {
                throw new OktaConfigurationException("sink.path", "no DuckDB database at " + sink.path()
                        + ". Fix: run okta-inputs run --config " + config + " first, or point sink.path at the file it wrote");
            }
            db = Database.duckdbReadOnly(sink.path());
        } else {
            db = Runner.database(sink);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (db) {
            Queries.run(db, sql, format.name(), out);
            out.flush();
            return Main.OK;
        } catch (Queries.BadQueryException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.BAD_CONFIG;
        } catch (DatabaseException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
