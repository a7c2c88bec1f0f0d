package dev.oktainputs.runner.db;

import java.io.IOException;

/**
 * The database could not be reached or refused a statement. The message says what was being done, where (the URL
 * without its password) and the database's own reason; it never holds the password.
 */
public final class DatabaseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient String sqlState;

    DatabaseException(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    /** @return the SQLSTATE the database gave, or null */
    public String sqlState() {
        return sqlState;
    }
}
