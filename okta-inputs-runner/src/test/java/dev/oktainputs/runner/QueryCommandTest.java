package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.runner.Databases.Db;
import dev.oktainputs.runner.Databases.Kind;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code okta-inputs query --config F "SQL"}: the configured database's answer as a table, CSV or JSON; bad SQL is exit 2. */
@FakeOkta(users = 40, seed = 9)
class QueryCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Runs the users input once into the database; returns the config. The query itself needs no Okta credentials. */
    private Path synced(FakeOktaServer okta, Db db) throws Exception {
        Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: { page_size: 25 }\n" + db.sinkYaml() + "state_dir: ./state\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken(), "OKTA_DB_PASSWORD", Databases.PASSWORD),
                "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return config;
    }

    private static Cli.Result query(Path config, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "query";
        all[1] = "--config";
        all[2] = config.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(Map.of("OKTA_DB_PASSWORD", Databases.PASSWORD), all);
    }

    @Test
    void printsATableCsvOrJson(FakeOktaServer okta, FakeOrg org) throws Exception {
        Path config = synced(okta, Databases.create(Kind.DUCKDB, dir));
        List<String> ids = org.users().stream().map(FakeUser::id).sorted().toList();
        FakeUser first = org.user(ids.get(0)).orElseThrow();

        Cli.Result table = query(config, "SELECT key, data->'profile'->>'login' AS login FROM users ORDER BY key LIMIT 2");
        assertThat(table.exitCode()).as(table.err()).isZero();
        int width = ids.get(0).length();
        assertThat(table.out().lines().toList()).containsExactly(
                String.format("%-" + width + "s | login", "key"),
                "-".repeat(width) + " | " + "-".repeat(Math.max(5, Math.max(first.login().length(),
                        org.user(ids.get(1)).orElseThrow().login().length()))),
                ids.get(0) + " | " + first.login(),
                ids.get(1) + " | " + org.user(ids.get(1)).orElseThrow().login(),
                "(2 rows)");

        Cli.Result csv = query(config, "--format", "csv", "SELECT COUNT(*) AS n, 'a,\"b\"' AS s, NULL AS nothing FROM users");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo("n,s,nothing\r\n40,\"a,\"\"b\"\"\",\r\n");

        Cli.Result json = query(config, "--format", "json", "SELECT key, ts, data, 1 = 1 AS yes FROM users ORDER BY key LIMIT 1");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode rows = JSON.readTree(json.out());
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("key").asText()).isEqualTo(ids.get(0));
        assertThat(rows.get(0).get("data")).isEqualTo(JSON.readTree(first.json()));
        assertThat(rows.get(0).get("yes").booleanValue()).isTrue();
        assertThat(rows.get(0).get("ts").asText()).isEqualTo(rows.get(0).get("data").get("lastUpdated").asText());

        Cli.Result views = query(config, "SELECT COUNT(*) FROM admins");
        assertThat(views.exitCode()).as(views.err()).isZero();
        assertThat(views.out()).contains("(1 row)");
    }

    @Test
    void badSqlIsExitTwoWithTheDatabasesMessage(FakeOktaServer okta) throws Exception {
        Path duck = synced(okta, Databases.create(Kind.DUCKDB, dir));
        Cli.Result r = query(duck, "SELEC key FROM users");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("syntax error").doesNotContain("Exception");
        r = query(duck, "SELECT * FROM no_such_table");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no_such_table");

        Db pg = Databases.create(Kind.POSTGRESQL, dir);
        Path postgres = synced(okta, pg);
        r = query(postgres, "SELEC key FROM users");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: ERROR: syntax error at or near \"SELEC\"").doesNotContain(Databases.PASSWORD);
        r = query(postgres, "DELETE FROM users");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("read-only transaction");
        r = query(duck, "DELETE FROM users");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsIgnoringCase("read-only");
        r = query(postgres, "SELECT COUNT(*) AS users FROM users");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("users", "-----", "40", "(1 row)");
    }

    @Test
    void aConfigurationWithoutADatabaseIsExitTwo() throws Exception {
        Path file = Cli.write(dir, "file.yaml", "sink:\n  type: file\n  path: ./out\n");
        Cli.Result r = query(file, "SELECT 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.type: query reads a database sink, and this file's sink is file");

        Path missing = Cli.write(dir, "duck.yaml", "sink:\n  type: duckdb\n  path: ./nothing-yet.duckdb\n");
        r = query(missing, "SELECT 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: sink.path: no DuckDB database at " + dir.resolve("nothing-yet.duckdb"));
    }
}
