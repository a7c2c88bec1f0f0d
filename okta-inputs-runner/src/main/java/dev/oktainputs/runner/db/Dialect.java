package dev.oktainputs.runner.db;

/** What differs between the databases the sinks write to: the column types. The SQL of the views is shared. */
public enum Dialect {
    /** DuckDB: an embedded database in one file. */
    DUCKDB("DuckDB", "VARCHAR", "JSON"),
    /** PostgreSQL, through its JDBC driver. */
    POSTGRESQL("PostgreSQL", "TEXT", "JSONB");

    private final String label;
    private final String text;
    private final String json;

    Dialect(String label, String text, String json) {
        this.label = label;
        this.text = text;
        this.json = json;
    }

    /** @return the database's name, e.g. {@code PostgreSQL} */
    public String label() {
        return label;
    }

    /** @return the type of text columns */
    String text() {
        return text;
    }

    /** @return the type of JSON columns ({@code JSON}, {@code JSONB}) */
    String json() {
        return json;
    }

    /** @return a parameter read as JSON */
    String jsonParameter() {
        return "CAST(? AS " + json + ")";
    }
}
