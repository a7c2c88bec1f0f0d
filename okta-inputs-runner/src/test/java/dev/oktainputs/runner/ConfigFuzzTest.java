package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration files, seeded and deterministic: random mutations of a valid YAML file, both of its tree (wrong
 * types, huge strings, unknown keys, deep nesting, removed keys) and of its text (YAML syntax), plus YAML bombs,
 * aliases, huge files and bytes that are not UTF-8. Every file is either a valid configuration or refused with
 * {@link OktaConfigurationException} problems that each name a field in a bounded number of characters and never
 * echo the API token; through {@code Main.execute} that is exit 2 with {@code error:} lines and no stack trace.
 * No file reaches the network: {@code run} is only invoked for files the loader refuses. The {@code @Timeout}s are
 * generous hang guards, not speed assertions.
 */
class ConfigFuzzTest {

    private static final String TOKEN = "00q7VfZk3Rw9LxT2mNc8Hy4Bd6Gs1Pj5Ea0Uo-Ki";
    private static final Map<String, String> ENV = Map.of("OKTA_API_KEY", TOKEN);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String BASE = "org_url: https://acme.okta.com\n"
            + "auth:\n  api_key: ${OKTA_API_KEY}\n  dpop: auto\n"
            + "inputs:\n"
            + "  users: { cron: \"*/30 * * * *\", page_size: 100, full_sync_every: 24, overlap: PT2S }\n"
            + "  groups: { cron: \"@hourly\", groups_page_size: 200, concurrency: 4 }\n"
            + "  apps: {}\n"
            + "  system_log: { cron: \"* * * * *\", lookback: PT1H, page_size: 1000, detection: true }\n"
            + "  roles: { full_sync: false }\n"
            + "  api_tokens: ~\n"
            + "sink: { type: file, path: ./out }\n"
            + "state_dir: ./state\n"
            + "time_zone: Europe/Berlin\n"
            + "http: { max_concurrent: 8, headroom: 0.2, max_attempts: 6 }\n";

    @TempDir
    Path dir;

    private int files;

    private enum Outcome { VALID, REFUSED }

    /** The property every file must satisfy. */
    private Outcome check(byte[] content, String context) throws IOException {
        Path file = dir.resolve("fuzz-" + (files++ % 50) + ".yaml");
        Files.write(file, content);
        try {
            new ConfigLoader(ENV).load(file);
            return Outcome.VALID;
        } catch (OktaConfigurationException e) {
            assertThat(e.problems()).as(context).isNotEmpty().allSatisfy(p -> {
                int colon = p.indexOf(": ");
                assertThat(colon).as(context + ": problem names its field: " + abbreviate(p)).isPositive().isLessThan(120);
                assertThat(p).as(context).hasSizeLessThan(1_200);
                assertNoTokenIn(p, context);
            });
            return Outcome.REFUSED;
        } catch (Throwable t) {
            throw new AssertionError(context + ": unexpected " + t + " for file (base64) "
                    + Base64.getEncoder().encodeToString(content.length > 4_000 ? java.util.Arrays.copyOf(content, 4_000) : content), t);
        }
    }

    /** A refused file through the CLI: exit 2, one error line per problem, nothing else, no secret. */
    private void assertExitTwo(byte[] content, String context) throws IOException {
        Path file = dir.resolve("cli.yaml");
        Files.write(file, content);
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", file.toString());
        assertThat(r.exitCode()).as(context + ": " + r.err()).isEqualTo(2);
        assertNoTokenIn(r.err(), context);
        assertThat(r.err()).as(context).startsWith("error: ").doesNotContain("\tat ")
                .hasSizeLessThan(40_000);
        assertThat(r.err().lines()).as(context).allSatisfy(l -> assertThat(l).startsWith("error: "));
        assertThat(r.out()).isEmpty();
    }

    /** Not the token, nor any 8 characters of it in a row (an abbreviated quote is a leak too). */
    private static void assertNoTokenIn(String text, String context) {
        for (int i = 0; i + 8 <= TOKEN.length(); i++) {
            assertThat(text).as(context + ": leaks part of the token").doesNotContain(TOKEN.substring(i, i + 8));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // ---- tree mutations -------------------------------------------------------------------------------------------

    private static JsonNode randomValue(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(16)) {
            case 0: return f.numberNode(r.nextInt());
            case 1: return f.numberNode(-1);
            case 2: return f.numberNode(r.nextDouble() * 1e6);
            case 3: return f.numberNode(new java.math.BigInteger("9".repeat(40)));
            case 4: return f.booleanNode(r.nextBoolean());
            case 5: return f.nullNode();
            case 6: return f.textNode("");
            case 7: return f.textNode("z".repeat(20_000));
            case 8: return f.arrayNode().add("a").add(1).add(f.objectNode().put("k", "v"));
            case 9: return f.objectNode().put("unexpected", true);
            case 10: {
                ObjectNode root = f.objectNode();
                ObjectNode n = root;
                for (int i = 0; i < 30; i++) {
                    n = n.putObject("d" + i);
                }
                return root;
            }
            case 11: return f.textNode("\u0000\u202e☃ \uD83D\uDE00\t\r\n'\"\\");
            case 12: return f.textNode("${UNSET_VARIABLE_" + r.nextInt(100) + "}");
            case 13: return f.textNode("${OKTA_API_KEY}");
            case 14: return f.textNode("*/" + r.nextInt(120) + " * * * *");
            default: return f.textNode("PT" + r.nextInt(100) + "S");
        }
    }

    private static String randomKey(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0: return "k".repeat(5_000);
            case 1: return "";
            case 2: return "ünïcödé ☃";
            case 3: return "page_sise";
            case 4: return "inputs";
            default: return "unknown_" + r.nextInt(1000);
        }
    }

    private static void containers(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> containers(c, out));
        }
    }

    private static byte[] mutateTree(SplittableRandom r) throws IOException {
        JsonNode root = YAML.readTree(BASE);
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            List<JsonNode> all = new ArrayList<>();
            containers(root, all);
            JsonNode target = all.get(r.nextInt(all.size()));
            if (target instanceof ObjectNode) {
                ObjectNode o = (ObjectNode) target;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                int op = r.nextInt(4);
                if (names.isEmpty() || op == 0) {
                    o.set(randomKey(r), randomValue(r));
                } else if (op == 1) {
                    o.remove(names.get(r.nextInt(names.size())));
                } else {
                    o.set(names.get(r.nextInt(names.size())), randomValue(r));
                }
            } else {
                ((ArrayNode) target).add(randomValue(r));
            }
        }
        return YAML.writeValueAsBytes(root);
    }

    // ---- text mutations -------------------------------------------------------------------------------------------

    private static final byte[] YAML_BYTES = ":-{}[],&*!|>'\"#%@`?\t\n \\0123456789abc~".getBytes(StandardCharsets.UTF_8);

    private static byte[] mutateText(SplittableRandom r) {
        byte[] b = BASE.getBytes(StandardCharsets.UTF_8);
        int mutations = 1 + r.nextInt(2);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0:
                    b[at] = YAML_BYTES[r.nextInt(YAML_BYTES.length)];
                    break;
                case 1: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(30));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                    break;
                }
                case 2: {
                    int len = 1 + r.nextInt(5);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < len; i++) {
                        c[at + i] = YAML_BYTES[r.nextInt(YAML_BYTES.length)];
                    }
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                    break;
                }
                case 3: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(80));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                    break;
                }
                default:
                    b = java.util.Arrays.copyOf(b, at);
                    break;
            }
        }
        return b;
    }

    @Test
    void theBaseFileIsValid() throws IOException {
        assertThat(check(BASE.getBytes(StandardCharsets.UTF_8), "base")).isEqualTo(Outcome.VALID);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomTreeMutationsAreValidOrRefusedClearly() throws IOException {
        SplittableRandom r = new SplittableRandom(7_357);
        int refused = 0;
        for (int i = 0; i < 800; i++) {
            byte[] content = mutateTree(r);
            if (check(content, "tree case " + i) == Outcome.REFUSED) {
                if (refused++ % 25 == 0) {
                    assertExitTwo(content, "tree case " + i);
                }
            }
        }
        assertThat(refused).isBetween(200, 780);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomTextMutationsAreValidOrRefusedClearly() throws IOException {
        SplittableRandom r = new SplittableRandom(1_123);
        int refused = 0;
        for (int i = 0; i < 1_500; i++) {
            byte[] content = mutateText(r);
            if (check(content, "text case " + i) == Outcome.REFUSED) {
                if (refused++ % 25 == 0) {
                    assertExitTwo(content, "text case " + i);
                }
            }
        }
        assertThat(refused).isBetween(200, 1_480);
    }

    static Stream<Arguments> nasty() {
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            laughs.append("]\n");
        }
        StringBuilder scalarAliases = new StringBuilder("org_url: &u \"https://" + "a".repeat(200_000) + ".okta.com\"\nx: [");
        for (int i = 0; i < 2_000; i++) {
            scalarAliases.append(i == 0 ? "" : ",").append("*u");
        }
        scalarAliases.append("]\n");
        StringBuilder manyKeys = new StringBuilder(BASE);
        for (int i = 0; i < 20_000; i++) {
            manyKeys.append("key").append(i).append(": ").append(i).append('\n');
        }
        // expected: "--config" = refused as a file, naming --config; "any" = refused, naming some field; "valid"
        return Stream.of(
                Arguments.of("billion laughs", laughs.toString(), "--config"),
                Arguments.of("billion laughs inside the config", BASE + laughs.toString().replaceAll("(?m)^([a-j]):", "x_$1:"), "--config"),
                Arguments.of("aliases of a huge scalar", scalarAliases.toString(), "--config"),
                Arguments.of("alias used as a value", BASE.replace("cron: \"@hourly\"", "cron: *nothing"), "--config"),
                Arguments.of("anchor and alias of a map", BASE.replace("  apps: {}", "  apps: &o { page_size: 50 }\n  roles2: *o"), "--config"),
                Arguments.of("nested 10,000 deep (flow)", "inputs: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", "--config"),
                Arguments.of("nested 200 deep (block)", nestedBlock(200), "any"),
                Arguments.of("a 200,000-character value", BASE.replace("Europe/Berlin", "s".repeat(200_000)), "time_zone"),
                Arguments.of("a 50,000-character key", BASE + "k".repeat(50_000) + ": 1\n", "any"),
                Arguments.of("a 200,000-character option", BASE.replace("page_size: 100", "page_size: " + "1".repeat(200_000)), "inputs.users.page_size"),
                Arguments.of("20,000 unknown keys", manyKeys.toString(), "any"),
                Arguments.of("a file over the size limit", BASE + "# " + "x".repeat(2 * 1024 * 1024) + "\n", "--config"),
                Arguments.of("java type tag", BASE + "x: !!java.lang.ProcessBuilder [\"touch\", \"pwned\"]\n", "x"),
                Arguments.of("binary tag (read as its text)", BASE.replace("./out", "!!binary aGVsbG8="), "valid"),
                Arguments.of("duplicate keys", BASE + "inputs:\n  users: {}\n", "--config"),
                Arguments.of("two documents", BASE + "---\norg_url: https://other.okta.com\n", "--config"),
                Arguments.of("tabs for indentation", BASE.replace("  api_key", "\tapi_key"), "--config"),
                Arguments.of("NUL bytes", BASE.replace("dpop: auto", "dpop: a\u0000uto"), "any"),
                Arguments.of("only a comment", "# nothing here\n", "--config"),
                Arguments.of("empty file", "", "--config"),
                Arguments.of("a scalar", "42\n", "--config"),
                Arguments.of(".inf and .nan", BASE.replace("headroom: 0.2", "headroom: .nan").replace("max_attempts: 6", "max_attempts: .inf"), "any"),
                Arguments.of("numbers too big for a long", BASE.replace("page_size: 100", "page_size: 1" + "0".repeat(400)), "inputs.users.page_size"),
                Arguments.of("a number that wraps around to 100", BASE.replace("page_size: 100", "page_size: 18446744073709551716"), "inputs.users.page_size"),
                Arguments.of("null http values take the defaults", BASE.replace("max_concurrent: 8", "max_concurrent: ~"), "valid"),
                Arguments.of("a headroom of NaN as text", BASE.replace("headroom: 0.2", "headroom: NaN"), "http.headroom"),
                Arguments.of("a headroom given as text", BASE.replace("headroom: 0.2", "headroom: \"0.25\""), "valid"),
                Arguments.of("a retry time over a day", BASE.replace("max_attempts: 6", "max_attempts: 6, max_retry_time: P2D"), "http.max_retry_time"),
                Arguments.of("a retry time that is not a duration", BASE.replace("max_attempts: 6", "max_attempts: 6, max_retry_time: soon"), "http.max_retry_time"),
                Arguments.of("a retry time in minutes", BASE.replace("max_attempts: 6", "max_attempts: 6, max_retry_time: 10m"), "valid"),
                Arguments.of("a null cron takes the default", BASE.replace("cron: \"@hourly\"", "cron: ~"), "valid"),
                Arguments.of("a null time zone takes the default", BASE.replace("Europe/Berlin", "~"), "valid"),
                Arguments.of("a state_dir that is a list", BASE.replace("state_dir: ./state", "state_dir: [a, b]"), "state_dir"),
                Arguments.of("a path with a NUL", BASE.replace("./state", "\"./st\\0ate\""), "any"),
                Arguments.of("env var inside a key", BASE + "${OKTA_API_KEY}: 1\n", "any"),
                Arguments.of("env var in an unknown input's name", BASE.replace("  apps: {}", "  \"${OKTA_API_KEY}\": {}"), "any"));
    }

    private static String nestedBlock(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth)).append("v\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nasty")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void yamlBombsAliasesHugeAndStrangeFilesAreRefusedClearly(String name, String yaml, String expected) throws IOException {
        byte[] content = yaml.getBytes(StandardCharsets.UTF_8);
        if (expected.equals("valid")) {
            assertThat(check(content, name)).as(name).isEqualTo(Outcome.VALID);
            return;
        }
        assertThat(check(content, name)).as(name).isEqualTo(Outcome.REFUSED);
        assertExitTwo(content, name);
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", dir.resolve("cli.yaml").toString());
        assertThat(r.err().lines()).as(name).hasSizeLessThanOrEqualTo(ConfigProblems.MAX_PROBLEMS + 1)
                .allSatisfy(l -> assertThat(l).hasSizeLessThan(600));
        if (!expected.equals("any")) {
            assertThat(r.err()).as(name).startsWith("error: " + expected + ": ");
        }
    }

    @Test
    void aNullValueMeansTheDefaultNeverASilentlyDroppedInput() throws IOException {
        Path file = dir.resolve("nulls.yaml");
        Files.writeString(file, BASE.replace("cron: \"@hourly\"", "cron: ~").replace("Europe/Berlin", "~")
                .replace("max_concurrent: 8", "max_concurrent: ~"));
        RunnerConfig cfg = new ConfigLoader(ENV).load(file);
        assertThat(cfg.inputs()).extracting(i -> i.input().name()).contains("groups", "group_members");
        assertThat(cfg.inputs()).filteredOn(i -> i.input().name().equals("groups")).singleElement()
                .satisfies(i -> assertThat(i.schedule().expression()).isEqualTo("*/30 * * * *"));
        assertThat(cfg.timeZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(cfg.http().maxConcurrent()).isEqualTo(8);
        assertThat(cfg.http().prefetch()).isTrue();
    }

    @Test
    void httpPrefetchTurnsTheClientsPrefetchOff() throws IOException {
        Path file = dir.resolve("prefetch.yaml");
        Files.writeString(file, BASE.replace("max_concurrent: 8", "max_concurrent: 8, prefetch: false"));
        RunnerConfig cfg = new ConfigLoader(ENV).load(file);
        assertThat(cfg.http().prefetch()).isFalse();
        try (dev.oktainputs.core.http.OktaClient client = Runner.client(cfg, java.time.Clock.systemUTC(),
                dev.oktainputs.core.time.Sleeper.SYSTEM)) {
            assertThat(client.prefetchPages()).isFalse();
        }
    }

    @Test
    void bareOnAndOffForDpopMeanOnAndOffNotBooleans() throws IOException {
        Path file = dir.resolve("dpop.yaml");
        for (String[] c : new String[][] {{"on", "on"}, {"off", "off"}, {"\"off\"", "off"}, {"auto", "auto"}, {"true", "on"}, {"no", "off"},
                // core's DpopMode reads any case, and true / false given as text, like the Kafka connector
                {"ON", "on"}, {"Auto", "auto"}, {"\"false\"", "off"}}) {
            Files.writeString(file, BASE.replace("dpop: auto", "dpop: " + c[0]));
            assertThat(new ConfigLoader(ENV).load(file).auth().dpop()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void endlessFilesAreReadOnlyUpToTheLimit() throws IOException {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "/dev/zero exists on Linux and macOS");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", zero.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --config: /dev/zero is larger than 1024 KiB");
        String oauth = BASE.replace("  api_key: ${OKTA_API_KEY}\n", "  client_id: 0oa1\n  key_id: kid1\n  private_key_file: /dev/zero\n");
        byte[] content = oauth.getBytes(StandardCharsets.UTF_8);
        assertThat(check(content, "key file /dev/zero")).isEqualTo(Outcome.REFUSED);
        assertExitTwo(content, "key file /dev/zero");
        assertThat(Cli.run(ENV, "run", "--once", "--config", dir.resolve("cli.yaml").toString()).err())
                .contains("auth.private_key_file: /dev/zero is larger than 64 KiB");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheFile() throws IOException {
        byte[] content = BASE.replace("Europe/Berlin", "Europe/B\u00e9rlin").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(check(content, "latin-1")).isEqualTo(Outcome.REFUSED);
        assertExitTwo(content, "latin-1");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", dir.resolve("cli.yaml").toString());
        assertThat(r.err()).contains("UTF-8");
    }

    @Test
    void theTokenIsNeverEchoedWhereverItLands() throws IOException {
        // The token's value put where a problem quotes the value: every such message must leave it out.
        for (String placement : List.of("auth:\n  api_key: ${OKTA_API_KEY}\n  dpop: ${OKTA_API_KEY}\n",
                "auth:\n  api_key: ${OKTA_API_KEY}\n  ${OKTA_API_KEY}: 1\n")) {
            String yaml = BASE.replace("auth:\n  api_key: ${OKTA_API_KEY}\n  dpop: auto\n", placement)
                    .replace("type: file", "type: ${OKTA_API_KEY}").replace("Europe/Berlin", "${OKTA_API_KEY}")
                    .replace("cron: \"@hourly\"", "cron: \"${OKTA_API_KEY}\"").replace("lookback: PT1H", "lookback: ${OKTA_API_KEY}")
                    .replace("page_size: 100", "page_size: ${OKTA_API_KEY}").replace("org_url: https://acme.okta.com", "org_url: ${OKTA_API_KEY}");
            byte[] content = yaml.getBytes(StandardCharsets.UTF_8);
            assertThat(check(content, placement)).isEqualTo(Outcome.REFUSED);
            assertExitTwo(content, placement);
        }
    }
}
