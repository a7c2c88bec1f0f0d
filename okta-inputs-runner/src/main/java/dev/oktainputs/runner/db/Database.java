package dev.oktainputs.runner.db;

import dev.oktainputs.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One connection to the sink's database, opened on first use and opened again after it broke (a database that was
 * down is reached again by the next attempt). Not thread-safe: {@link DbSink} serialises its use. Every failure becomes
 * a {@link DatabaseException} whose message names the database by its URL without the password, and never holds the
 * password itself, wherever the driver put it.
 */
public final class Database implements AutoCloseable {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final Dialect dialect;
    private final String url;
    private final Properties properties = new Properties();
    private final Secret password;
    private final boolean readOnly;
    private Connection connection;

    private Database(Dialect dialect, String url, String user, Secret password, boolean readOnly) {
        this.dialect = dialect;
        this.url = url;
        this.password = password;
        this.readOnly = readOnly;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
        if (dialect == Dialect.POSTGRESQL) {
            properties.setProperty("ApplicationName", "okta-inputs");
            properties.setProperty("connectTimeout", "10");
            properties.setProperty("loginTimeout", "10");
        }
        if (dialect == Dialect.DUCKDB && readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
    }

    /**
     * @param file the database file; created, with its directory, on first use
     * @return the DuckDB database
     */
    public static Database duckdb(Path file) {
        return new Database(Dialect.DUCKDB, "jdbc:duckdb:" + file.toAbsolutePath(), null, null, false);
    }

    /**
     * @param file an existing database file
     * @return the DuckDB database, opened read-only (a query cannot change it)
     */
    public static Database duckdbReadOnly(Path file) {
        return new Database(Dialect.DUCKDB, "jdbc:duckdb:" + file.toAbsolutePath(), null, null, true);
    }

    /**
     * @param url      a {@code jdbc:postgresql:} URL
     * @param user     the user, or null
     * @param password the password, or null
     * @return the PostgreSQL database
     */
    public static Database postgresql(String url, String user, Secret password) {
        return new Database(Dialect.POSTGRESQL, url, user, password, false);
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * @return the open connection, opened now when there is none or the last one broke
     * @throws DatabaseException when the database cannot be reached or refuses the login
     */
    Connection connection() throws DatabaseException {
        if (connection != null) {
            return connection;
        }
        try {
            Driver driver;
            if (dialect == Dialect.DUCKDB) {
                Path file = Path.of(url.substring("jdbc:duckdb:".length()));
                if (file.getParent() != null && !readOnly) {
                    Files.createDirectories(file.getParent());
                }
                driver = new org.duckdb.DuckDBDriver();
            } else {
                driver = new org.postgresql.Driver();
            }
            Connection c = driver.connect(url, properties);
            if (c == null) {
                throw new DatabaseException("cannot connect to " + this + ": the driver does not accept this URL", null);
            }
            connection = c;
            return c;
        } catch (SQLException e) {
            throw failure("cannot connect to " + this, e);
        } catch (IOException e) {
            throw new DatabaseException("cannot create the directory of " + this + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** Closes the connection after a failure that may have broken it; the next {@link #connection()} opens another. */
    void reset() {
        if (connection != null) {
            try {
                if (!connection.isClosed() && connection.isValid(5)) {
                    return;
                }
            } catch (SQLException broken) {
                // closed below
            }
            closeQuietly();
        }
    }

    /**
     * @param doing what was being done, e.g. "writing 200 records of users"
     * @param e     the driver's exception
     * @return the exception to throw: what, where and the database's reason, without the password
     */
    DatabaseException failure(String doing, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                && !reason.contains(e.getCause().getMessage())) {
            reason += " (" + e.getCause().getMessage() + ")";
        }
        return new DatabaseException(hide(doing.contains(toString()) ? doing + ": " + reason : doing + " in " + this + ": " + reason),
                e.getSQLState());
    }

    /** @return the text with the password and the URL's password parameter masked */
    String hide(String text) {
        return redact(text, password);
    }

    /**
     * @param text     any text, e.g. a JDBC URL or a driver's message
     * @param password the password to mask wherever it appears, or null
     * @return the text with {@code password=…} parameters, {@code user:password@} and the password itself masked
     */
    public static String redact(String text, Secret password) {
        if (text == null) {
            return null;
        }
        String out = URL_PASSWORD.matcher(text).replaceAll("$1[hidden]");
        out = URL_USERINFO.matcher(out).replaceAll("$1[hidden]@");
        if (password != null) {
            out = out.replace(password.reveal(), "[hidden]");
        }
        return out;
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is broken anyway
        }
        connection = null;
    }

    @Override
    public void close() {
        if (connection != null) {
            closeQuietly();
        }
    }

    /** @return the database, e.g. {@code the DuckDB file /x/okta.duckdb}; never the password */
    @Override
    public String toString() {
        if (dialect == Dialect.DUCKDB) {
            return "the DuckDB file " + url.substring("jdbc:duckdb:".length());
        }
        String user = properties.getProperty("user");
        return "the PostgreSQL database " + hide(url) + (user == null ? "" : " as " + user);
    }
}
