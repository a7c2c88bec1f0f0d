package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.runner.Databases.Db;
import dev.oktainputs.runner.Databases.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the database sinks do when the database is not as expected: a table with other columns, a server that is
 * not there, a configuration that is wrong. Each is one clear line; the password is never shown.
 */
class DbSinkErrorsTest {

    private static final String ORG = "org_url: https://acme.okta.com\nauth:\n  api_key: ${OKTA_API_KEY}\n"
            + "inputs:\n  users: {}\n  groups: {}\n";
    private static final Map<String, String> ENV = Map.of("OKTA_API_KEY", "00abcdefghijklmnopqrstuvwxyz0123456789ABCD",
            "OKTA_DB_PASSWORD", Databases.PASSWORD);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTableWithOtherColumnsIsAnErrorNamingItAndNothingIsWritten(Kind kind) throws Exception {
        Db db = Databases.create(kind, dir);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE groups (id INTEGER, name TEXT)");
        }
        Path config = Cli.write(dir, "okta.yaml", ORG + db.sinkYaml() + "state_dir: ./state\n");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink: table groups in ").contains("has the columns [id, name], not the [key, ts, labels, data]")
                .contains("nothing was written").doesNotContain("Exception").doesNotContain(Databases.PASSWORD);
        // nothing was created either: not the users table, not the checkpoints, not the views
        assertThat(db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
                .containsExactly(List.of("groups"));
    }

    @Test
    void anUnreachableDatabaseIsExitOneForRunOnceWithoutThePassword() throws Exception {
        int port = closedPort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/okta?password=" + Databases.PASSWORD;
        Path config = Cli.write(dir, "okta.yaml", ORG + "sink:\n  type: jdbc\n  url: " + url.replace(Databases.PASSWORD, "${OKTA_DB_PASSWORD}")
                + "\n  user: okta\n  password: ${OKTA_DB_PASSWORD}\nstate_dir: ./state\n");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("error: cannot connect to the PostgreSQL database jdbc:postgresql://127.0.0.1:" + port
                + "/okta?password=[hidden] as okta").contains("refused")
                .doesNotContain(Databases.PASSWORD).doesNotContain("Exception");
    }

    @Test
    void anUnreachableDatabaseIsTriedAgainAtTheNextFireOfAContinuousRun() throws Exception {
        int port = closedPort();
        Path config = Cli.write(dir, "okta.yaml", ORG + "sink:\n  type: jdbc\n  url: jdbc:postgresql://127.0.0.1:" + port
                + "/okta\n  password: ${OKTA_DB_PASSWORD}\nstate_dir: ./state\n");
        RunnerConfig cfg = new ConfigLoader(ENV).load(config);
        CountDownLatch reported = new CountDownLatch(1);
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                text.write(buf, off, len);
                if (text.toString().contains("trying again at the next fire")) {
                    reported.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        CountDownLatch stop = new CountDownLatch(1);
        int[] code = {-1};
        Thread run = new Thread(() -> {
            try {
                code[0] = RunCommand.run(cfg, new PrintWriter(new StringWriter()), err, false, stop);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        run.start();
        assertThat(reported.await(60, TimeUnit.SECONDS)).as(text.toString()).isTrue();
        stop.countDown();   // Ctrl-C while waiting for the database: exit 0
        run.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(run.isAlive()).isFalse();
        assertThat(code[0]).isZero();
        assertThat(text.toString()).contains("error: cannot connect to the PostgreSQL database jdbc:postgresql://127.0.0.1:" + port)
                .doesNotContain(Databases.PASSWORD);
    }

    @Test
    void sinkConfigurationErrorsNameTheirFieldAndHideThePassword() throws IOException {
        Path noUrl = Cli.write(dir, "a.yaml", ORG + "sink:\n  type: jdbc\n  password: ${OKTA_DB_PASSWORD}\n");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", noUrl.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.url: required for the jdbc sink");

        Path mysql = Cli.write(dir, "b.yaml", ORG + "sink:\n  type: jdbc\n  url: jdbc:mysql://db/okta?password="
                + "${OKTA_DB_PASSWORD}\n  path: ./x\n");
        r = Cli.run(ENV, "run", "--once", "--config", mysql.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.url: must be a PostgreSQL JDBC URL").contains("error: sink.path: the jdbc sink has no path")
                .doesNotContain(Databases.PASSWORD);

        Path fileWithUrl = Cli.write(dir, "c.yaml", ORG + "sink:\n  type: duckdb\n  user: okta\n  password: "
                + Databases.PASSWORD + "\n");
        r = Cli.run(ENV, "run", "--once", "--config", fileWithUrl.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.user: only the jdbc sink has it").contains("error: sink.password: only the jdbc sink has it")
                .doesNotContain(Databases.PASSWORD);

        Path unknown = Cli.write(dir, "d.yaml", ORG + "sink:\n  type: mysql\n");
        r = Cli.run(ENV, "run", "--once", "--config", unknown.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.type: must be file, stdout, duckdb or jdbc, got 'mysql'");

        Path dirAsFile = Cli.write(dir, "e.yaml", ORG + "sink:\n  type: duckdb\n  path: " + dir + "\n");
        r = Cli.run(ENV, "run", "--once", "--config", dirAsFile.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.path: " + dir + " is a directory. Fix: point sink.path at the DuckDB database file");
    }

    /** @return a loopback port nothing listens on */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
