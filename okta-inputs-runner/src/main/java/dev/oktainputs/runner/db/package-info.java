/**
 * The database sinks ({@code type: duckdb}, {@code type: jdbc} with PostgreSQL): one table per stream, the
 * checkpoints in the same database and each batch committed with its checkpoint in one transaction
 * ({@link dev.oktainputs.runner.db.DbSink}); the access views created with the tables
 * ({@link dev.oktainputs.runner.db.Schema}); the connection and its errors, the password never shown
 * ({@link dev.oktainputs.runner.db.Database}). JDBC drivers are used from here only.
 */
package dev.oktainputs.runner.db;
