package dev.oktainputs.runner.db;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tables and views of a database sink. One table per stream, named after it: {@code key} (primary key),
 * {@code ts}, {@code labels} (JSON), {@code data} (JSON / JSONB), and for an edge stream its two ids as columns between
 * {@code key} and {@code ts} ({@link #EDGES}). The checkpoints live in {@value #CHECKPOINTS}. The access views
 * ({@code views.sql} next to this class, one SQL for both databases) are created with the tables and read the streams
 * they need, so those tables are created too, empty until their inputs run.
 */
public final class Schema {

    /** The table of the checkpoints: {@code org}, {@code name}, {@code version}, {@code state} (JSON text). */
    public static final String CHECKPOINTS = "okta_inputs_checkpoints";

    /**
     * Edge streams (keys {@code a/b}) and the names of their two id columns, as the inputs on the class path declare
     * them ({@link OktaInput#keyIds()}).
     */
    public static final Map<String, List<String>> EDGES = edges(InputFamilies.discover());

    /** The streams the views read. */
    public static final List<String> VIEW_STREAMS = List.of("users", "groups", "group_members", "apps", "app_users",
            "app_groups", "role_assignments", "api_tokens", "system_log");

    /** The views, in the order {@code views.sql} creates them. */
    public static final List<String> VIEWS = List.of("user_app_access", "admins", "api_token_owners", "recent_admin_actions",
            "suspicious_sign_ins");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Schema() {
    }

    static Map<String, List<String>> edges(InputFamilies families) {
        Map<String, List<String>> edges = new TreeMap<>();
        families.all().values().forEach(members -> members.forEach(input -> {
            if (!input.keyIds().isEmpty()) {
                input.streams().forEach(stream -> edges.put(stream, input.keyIds()));
            }
        }));
        return Map.copyOf(edges);
    }

    /**
     * @param stream a stream
     * @return its table's columns, in order
     */
    public static List<String> columns(String stream) {
        List<String> c = new ArrayList<>();
        c.add("key");
        c.addAll(EDGES.getOrDefault(stream, List.of()));
        c.addAll(List.of("ts", "labels", "data"));
        return c;
    }

    /** @return the stream's table name, quoted */
    static String table(String stream) {
        if (!NAME.matcher(stream).matches()) {
            throw new IllegalArgumentException("not a stream name usable as a table: " + stream);
        }
        return "\"" + stream + "\"";
    }

    /**
     * Creates what is missing, in one transaction: the tables of {@code streams} and of the views' streams, the
     * checkpoint table, the views. Checks every existing table first: one whose columns differ from the sink's is
     * an error naming it, and then nothing is created or written.
     *
     * @param db      the database
     * @param streams the streams the configured inputs write
     * @return the tables that exist now (stream names)
     * @throws OktaConfigurationException (field {@code sink}) naming each table whose columns differ
     * @throws DatabaseException          when the database cannot be reached or refuses
     */
    static Set<String> prepare(Database db, Collection<String> streams) throws DatabaseException {
        Set<String> all = new LinkedHashSet<>(streams);
        all.addAll(VIEW_STREAMS);
        Connection c = db.connection();
        try {
            List<String> problems = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String s : all) {
                Set<String> have = existingColumns(c, s);
                if (have.isEmpty()) {
                    missing.add(s);
                } else if (!have.equals(new TreeSet<>(columns(s)))) {
                    problems.add("table " + s + " in " + db + " has the columns " + have + ", not the " + columns(s)
                            + " the sink writes; nothing was written. Fix: drop or rename that table, or point the sink at"
                            + " another database");
                }
            }
            Set<String> checkpointColumns = existingColumns(c, CHECKPOINTS);
            if (!checkpointColumns.isEmpty() && !checkpointColumns.equals(Set.of("org", "name", "version", "state"))) {
                problems.add("table " + CHECKPOINTS + " in " + db + " has the columns " + checkpointColumns
                        + ", not [org, name, version, state]; nothing was written. Fix: drop or rename that table");
            }
            if (!problems.isEmpty()) {
                throw new OktaConfigurationException(problems.stream().map(p -> "sink: " + p).toList());
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String s : missing) {
                    st.execute(createTable(db.dialect(), s));
                }
                st.execute("CREATE TABLE IF NOT EXISTS " + CHECKPOINTS + " (org " + db.dialect().text() + " NOT NULL, name "
                        + db.dialect().text() + " NOT NULL, version INTEGER NOT NULL, state " + db.dialect().text()
                        + " NOT NULL, PRIMARY KEY (org, name))");
                for (int i = VIEWS.size() - 1; i >= 0; i--) {   // the later ones read the earlier ones
                    st.execute("DROP VIEW IF EXISTS " + VIEWS.get(i));
                }
                for (String sql : viewStatements()) {
                    st.execute(sql);
                }
            }
            c.commit();
            return all;
        } catch (SQLException e) {
            rollback(c);
            db.reset();
            throw db.failure("creating the tables and views", e);
        } finally {
            autoCommit(c);
        }
    }

    static String createTable(Dialect d, String stream) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(stream)).append(" (key ")
                .append(d.text()).append(" PRIMARY KEY");
        for (String id : EDGES.getOrDefault(stream, List.of())) {
            sb.append(", ").append(id).append(' ').append(d.text());
        }
        return sb.append(", ts TIMESTAMPTZ, labels ").append(d.json()).append(", data ").append(d.json()).append(')').toString();
    }

    /** @return the columns of the table in the current schema, lower-cased; empty when there is no such table */
    private static Set<String> existingColumns(Connection c, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** @return the statements of {@code views.sql}, split at the semicolons that end a line; comments dropped */
    static List<String> viewStatements() {
        String text;
        try (InputStream in = Schema.class.getResourceAsStream("views.sql")) {
            if (in == null) {
                throw new IllegalStateException("views.sql is missing from the runner's resources");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            sb.append(line).append('\n');
            if (t.endsWith(";")) {
                out.add(sb.toString().strip().replaceAll(";$", ""));
                sb.setLength(0);
            }
        }
        return out;
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is reset by the caller
        }
    }

    static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection: the next use opens another
        }
    }
}
