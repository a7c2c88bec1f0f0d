package dev.oktainputs.runner.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.runner.CheckpointedSink;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes records into one table per stream ({@link Schema}) and keeps the inputs' checkpoints in the same database:
 * each batch's rows and its checkpoint are committed in one transaction ({@link #write(String, String, List, Checkpoint)}),
 * so a crash at any point neither loses nor repeats a change. UPSERT inserts or replaces the row of its key, DELETE
 * deletes it; within a batch the last record of a key wins (the table ends as if each had been applied in order).
 * Thread-safe: the inputs share one connection, one transaction at a time.
 */
public final class DbSink implements CheckpointedSink, CheckpointStore, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Set<String> tables = new HashSet<>();

    private DbSink(Database db) {
        this.db = db;
    }

    /**
     * Connects, checks the existing tables and creates what is missing ({@link Schema#prepare}).
     *
     * @param db      the database
     * @param streams the streams that will be written
     * @return the sink
     * @throws DatabaseException when the database cannot be reached or refuses
     * @throws dev.oktainputs.core.error.OktaConfigurationException naming a table whose columns differ
     */
    public static DbSink open(Database db, Collection<String> streams) throws DatabaseException {
        DbSink sink = new DbSink(db);
        sink.tables.addAll(Schema.prepare(db, streams));
        return sink;
    }

    /** Writes a batch without a checkpoint, in one transaction. */
    @Override
    public void write(List<OktaRecord> records) throws IOException {
        write(null, null, records, null);
    }

    @Override
    public synchronized void write(String org, String input, List<OktaRecord> records, Checkpoint checkpoint) throws IOException {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            Map<String, Map<String, OktaRecord>> byStream = new LinkedHashMap<>();
            for (OktaRecord r : records) {
                byStream.computeIfAbsent(r.stream(), s -> new LinkedHashMap<>()).put(r.key(), r);
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, Map<String, OktaRecord>> e : byStream.entrySet()) {
                if (!tables.contains(e.getKey())) {
                    try (var st = c.createStatement()) {   // a stream no input declared: its table, in this transaction
                        st.execute(Schema.createTable(db.dialect(), e.getKey()));
                    }
                    created.add(e.getKey());
                }
                apply(c, e.getKey(), e.getValue().values());
            }
            if (checkpoint != null) {
                saveCheckpoint(c, org, input, checkpoint);
            }
            c.commit();
            tables.addAll(created);
        } catch (SQLException e) {
            Schema.rollback(c);
            db.reset();
            throw db.failure("writing " + records.size() + " record(s)" + (input == null ? "" : " of " + input), e);
        } finally {
            Schema.autoCommit(c);
        }
    }

    private void apply(Connection c, String stream, Collection<OktaRecord> records) throws SQLException {
        List<String> columns = Schema.columns(stream);
        List<String> ids = Schema.EDGES.getOrDefault(stream, List.of());
        String table = Schema.table(stream);
        StringBuilder values = new StringBuilder("?");
        ids.forEach(i -> values.append(", ?"));
        values.append(", ?, ").append(db.dialect().jsonParameter()).append(", ").append(db.dialect().jsonParameter());
        String upsert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values
                + ") ON CONFLICT (key) DO UPDATE SET " + String.join(", ", columns.subList(1, columns.size()).stream()
                .map(col -> col + " = excluded." + col).toList());
        int deletes = 0;
        int upserts = 0;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE key = ?");
             PreparedStatement up = c.prepareStatement(upsert)) {
            for (OktaRecord r : records) {
                if (r.op() == OktaRecord.Op.DELETE) {
                    del.setString(1, r.key());
                    del.addBatch();
                    deletes++;
                    continue;
                }
                int i = 1;
                up.setString(i++, r.key());
                if (!ids.isEmpty()) {
                    int slash = r.key().indexOf('/');
                    up.setString(i++, slash < 0 ? r.key() : r.key().substring(0, slash));
                    up.setString(i++, slash < 0 ? null : r.key().substring(slash + 1));
                }
                up.setObject(i++, r.timestamp() == null ? null : r.timestamp().atOffset(ZoneOffset.UTC));
                up.setString(i++, labels(r.labels()));
                up.setString(i, r.jsonString());
                up.addBatch();
                upserts++;
            }
            if (deletes > 0) {
                del.executeBatch();
            }
            if (upserts > 0) {
                up.executeBatch();
            }
        }
    }

    private static String labels(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always serialises
        }
    }

    private void saveCheckpoint(Connection c, String org, String name, Checkpoint checkpoint) throws SQLException {
        ObjectNode values = JSON.createObjectNode();
        checkpoint.values().forEach((k, v) -> {
            if (v instanceof Boolean b) {
                values.put(k, b);
            } else if (v instanceof Long l) {
                values.put(k, l);
            } else {
                values.put(k, v.toString());
            }
        });
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.CHECKPOINTS
                + " (org, name, version, state) VALUES (?, ?, ?, ?) ON CONFLICT (org, name) DO UPDATE SET"
                + " version = excluded.version, state = excluded.state")) {
            ps.setString(1, org);
            ps.setString(2, name);
            ps.setInt(3, checkpoint.version());
            ps.setString(4, values.toString());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<Checkpoint> load(String org, String stream) throws IOException {
        Connection c = db.connection();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, state FROM " + Schema.CHECKPOINTS
                + " WHERE org = ? AND name = ?")) {
            ps.setString(1, org);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int version = rs.getInt(1);
                JsonNode root = JSON.readTree(rs.getString(2));
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    values.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isIntegralNumber() ? (Object) v.longValue() : v.asText());
                }
                return Optional.of(version == 0 && values.isEmpty() ? Checkpoint.empty() : Checkpoint.of(version, values));
            }
        } catch (SQLException e) {
            db.reset();
            throw db.failure("reading the checkpoint of " + stream, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("the checkpoint of " + stream + " in " + Schema.CHECKPOINTS + " of " + db
                    + " is not valid (" + e.getMessage() + "). Delete its row to start the stream over.");
        }
    }

    /** Saves a checkpoint on its own (the schedule's last fire), in a transaction of its own. */
    @Override
    public void save(String org, String stream, Checkpoint checkpoint) throws IOException {
        write(org, stream, List.of(), checkpoint);
    }

    /** @return the tables written so far or created (stream names) */
    synchronized List<String> tables() {
        return new ArrayList<>(tables);
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    @Override
    public String toString() {
        return db.toString();
    }
}
