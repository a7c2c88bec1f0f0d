package dev.oktainputs.runner.db;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one SQL statement for {@code okta-inputs query}, read-only, and prints its result as a table, CSV (RFC 4180) or a JSON
 * array of objects (JSON columns embedded as JSON). A statement the database refuses is a {@link BadQueryException}
 * carrying the database's message; not reaching the database is a {@link DatabaseException}.
 */
public final class Queries {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest cell of the table format; longer values are cut with an ellipsis (csv and json keep everything). */
    static final int MAX_CELL = 80;

    /** The database refused the statement (syntax, unknown table, …). */
    public static final class BadQueryException extends Exception {
        private static final long serialVersionUID = 1L;

        BadQueryException(String message) {
            super(message);
        }
    }

    private Queries() {
    }

    /**
     * @param db     the database
     * @param sql    one statement
     * @param format {@code table}, {@code csv} or {@code json}
     * @param out    where the result goes
     * @throws BadQueryException  when the database refuses the statement
     * @throws DatabaseException  when it cannot be reached
     * @throws IOException        when the output cannot be written
     */
    public static void run(Database db, String sql, String format, PrintWriter out) throws BadQueryException, IOException {
        Connection c = db.connection();
        try (Statement st = readOnly(db, c).createStatement()) {
            boolean rows = st.execute(sql);
            if (!rows) {
                out.println(st.getUpdateCount() < 0 ? "ok" : st.getUpdateCount() + " row(s) changed");
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                switch (format) {
                    case "csv" -> csv(rs, out);
                    case "json" -> json(rs, out);
                    default -> table(rs, out);
                }
            }
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                db.reset();
                throw db.failure("running the query", e);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new BadQueryException(db.hide(message));
        }
    }

    /** A query reads: PostgreSQL refuses writes in a read-only session (a DuckDB file is opened read-only). */
    private static Connection readOnly(Database db, Connection c) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
        }
        return c;
    }

    /** SQLSTATE class 08: connection exceptions (PostgreSQL); DuckDB reports none of those for a query. */
    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static List<String> header(ResultSetMetaData md) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
        }
        return names;
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return v.toString();
    }

    private static void table(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> header = header(md);
        List<String[]> rows = new ArrayList<>();
        int[] width = header.stream().mapToInt(String::length).toArray();
        while (rs.next()) {
            String[] row = new String[header.size()];
            for (int i = 0; i < row.length; i++) {
                String v = text(rs, i + 1);
                v = v == null ? "" : v.replace('\n', ' ').replace('\r', ' ');
                row[i] = v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 1) + "…" : v;
                width[i] = Math.max(width[i], row[i].length());
            }
            rows.add(row);
        }
        line(out, header.toArray(new String[0]), width);
        String[] rule = new String[width.length];
        for (int i = 0; i < width.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
        rows.forEach(r -> line(out, r, width));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - cells[i].length()));
            }
        }
        out.println(sb);
    }

    private static void csv(ResultSet rs, PrintWriter out) throws SQLException {
        List<String> header = header(rs.getMetaData());
        out.print(String.join(",", header.stream().map(Queries::csvCell).toList()) + "\r\n");
        while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= header.size(); i++) {
                String v = text(rs, i);
                cells.add(v == null ? "" : csvCell(v));
            }
            out.print(String.join(",", cells) + "\r\n");
        }
    }

    private static String csvCell(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static void json(ResultSet rs, PrintWriter out) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> header = header(md);
        Writer w = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                out.write(cbuf, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                // the caller's writer stays open
            }
        };
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.writeStartArray();
            while (rs.next()) {
                g.writeStartObject();
                for (int i = 1; i <= header.size(); i++) {
                    g.writeFieldName(header.get(i - 1));
                    value(g, rs, md, i);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.println();
    }

    private static void value(JsonGenerator g, ResultSet rs, ResultSetMetaData md, int i) throws SQLException, IOException {
        Object v = rs.getObject(i);
        String type = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        if (v == null) {
            g.writeNull();
        } else if (type.equals("JSON") || type.equals("JSONB")) {
            JsonNode node = JSON.readTree(v.toString());
            g.writeTree(node);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if ((v instanceof Double || v instanceof Float) && md.getColumnType(i) != Types.OTHER) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(String.valueOf(d));
            }
        } else {
            g.writeString(text(rs, i));
        }
    }
}
