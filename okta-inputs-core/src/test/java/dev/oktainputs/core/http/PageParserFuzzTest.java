package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.oktainputs.core.error.OktaProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input for the page parser and the Link header reader, seeded and deterministic: random mutations of real
 * pages, wrong types, huge strings, deep nesting, unexpected fields. Every input either parses into elements that are
 * each a complete JSON object (and agree with a full tree parse of the same bytes), or fails with the parser's own
 * {@link OktaProtocolException} whose message says what is wrong in a bounded number of characters — never another
 * exception, never a hang (the {@code @Timeout}s are generous hang guards, not speed assertions), never a page
 * silently emptied or cut short.
 */
class PageParserFuzzTest {

    private static final ObjectMapper TREE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String USER = "{\"id\":\"00u%d\",\"status\":\"ACTIVE\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"lastUpdated\":\"2024-05-0%dT10:00:00.000Z\",\"profile\":{\"firstName\":\"Zoë\",\"lastName\":\"☃ O'Brien\","
            + "\"login\":\"u%d@example.com\",\"tags\":[\"a\",1,2.5e3,true,null,{\"id\":\"nested\"}],\"n\":-0.0},"
            + "\"_links\":{\"self\":{\"href\":\"https://acme.okta.com/api/v1/users/00u%d\"}}}";

    private static byte[] page(int n) {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            users.add(String.format(USER, i, i % 9 + 1, i, i));
        }
        return ("[" + String.join(",\n", users) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapped(int n) {
        String array = new String(page(n), StandardCharsets.UTF_8);
        return ("{\"value\":" + array + ",\"_links\":{\"self\":{\"href\":\"https://acme.okta.com/x\"},"
                + "\"next\":{\"href\":\"https://acme.okta.com/x?after=00u" + n + "\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] ALPHABET = "{}[]\":,\\ -+.0123456789eEtruefalsnidvLk_\u00e9".getBytes(StandardCharsets.UTF_8);

    private static byte[] mutate(byte[] body, SplittableRandom r) {
        byte[] b = body.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0: // replace a byte, sometimes with a non-UTF-8 one
                    b[at] = r.nextInt(5) == 0 ? (byte) (0x80 + r.nextInt(0x80)) : ALPHABET[r.nextInt(ALPHABET.length)];
                    break;
                case 1: { // delete a range
                    int len = Math.min(b.length - at, 1 + r.nextInt(20));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                    break;
                }
                case 2: { // insert structural bytes
                    int len = 1 + r.nextInt(6);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < len; i++) {
                        c[at + i] = ALPHABET[r.nextInt(ALPHABET.length)];
                    }
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                    break;
                }
                case 3: { // duplicate a range (repeated fields, elements, brackets)
                    int len = Math.min(b.length - at, 1 + r.nextInt(60));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                    break;
                }
                case 4: // truncate, as a connection closed mid-body would
                    b = java.util.Arrays.copyOf(b, at);
                    break;
                default: // swap two bytes
                    int other = r.nextInt(b.length);
                    byte t = b[at];
                    b[at] = b[other];
                    b[other] = t;
                    break;
            }
        }
        return b;
    }

    /** The property every input must satisfy; returns whether it parsed. */
    private static boolean check(byte[] body, String itemsField, String context) {
        PageParser.Parsed parsed;
        try {
            parsed = PageParser.parse(body, itemsField);
        } catch (PageParser.MalformedPageException e) {
            assertThat(e.getMessage()).as(context).startsWith("Okta sent a page that is not valid JSON of the expected shape: ")
                    .hasSizeLessThan(1_500);
            return false;
        } catch (Throwable t) {
            throw new AssertionError(context + ": unexpected " + t + " for body (base64) "
                    + Base64.getEncoder().encodeToString(body), t);
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(body);
        } catch (IOException e) {
            // Jackson's streaming skip does not decode strings it skips, so bytes that are not UTF-8 inside a skipped
            // value may pass; anything else the tree parser refuses must have been refused by the page parser too.
            assertThat(hasInvalidUtf8(body)).as(context + ": parsed although a full parse fails (" + e.getMessage()
                    + "): " + Base64.getEncoder().encodeToString(body)).isTrue();
            return true;
        }
        JsonNode array = itemsField == null ? tree : tree.path(itemsField);
        assertThat(parsed.items()).as(context + ": element count").hasSize(array.isArray() ? array.size() : 0);
        for (int i = 0; i < parsed.items().size(); i++) {
            PageItem item = parsed.items().get(i);
            try {
                assertThat(TREE.readTree(item.json())).as(context + ": element " + i + " bytes").isEqualTo(array.get(i));
            } catch (IOException e) {
                throw new AssertionError(context + ": element " + i + " is not a complete JSON value", e);
            }
            JsonNode id = array.get(i).get("id");
            if (id != null && id.isTextual()) {
                assertThat(item.id()).as(context + ": id").isEqualTo(id.asText());
            }
        }
        if (itemsField != null) {
            JsonNode href = tree.path("_links").path("next").path("href");
            assertThat(parsed.bodyNext()).as(context + ": next").isEqualTo(href.isTextual() ? href.asText() : null);
        }
        return true;
    }

    private static boolean hasInvalidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomMutationsOfRealPagesParseConsistentlyOrFailClearly() {
        SplittableRandom random = new SplittableRandom(20_251_123L);
        byte[][] bases = {page(1), page(6), wrapped(4)};
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 6_000; i++) {
            int which = i % bases.length;
            byte[] body = mutate(bases[which], random);
            if (check(body, which == 2 ? "value" : null, "case " + i)) {
                parsed++;
            } else {
                refused++;
            }
        }
        // Both outcomes are exercised: the fuzzer is neither too gentle nor always breaking the syntax.
        assertThat(parsed).isGreaterThan(300);
        assertThat(refused).isGreaterThan(3_000);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyTruncationOfAPageIsRefusedNeverAShorterPage() {
        for (byte[] body : List.of(page(3), wrapped(2))) {
            String field = body[0] == '{' ? "value" : null;
            for (int cut = 0; cut < body.length; cut++) {
                byte[] shortBody = java.util.Arrays.copyOf(body, cut);
                assertThatThrownBy(() -> PageParser.parse(shortBody, field)).as("cut at " + cut)
                        .isInstanceOf(OktaProtocolException.class);
            }
            assertThat(PageParser.parse(body, field).items()).isNotEmpty();
        }
    }

    @Test
    void wrongTypesOfTheFieldsWeReadAreToleratedAsOktaSentThem() {
        PageParser.Parsed p = PageParser.parse(utf8("[{\"id\":123,\"lastUpdated\":false},{\"id\":null,\"uuid\":{\"x\":1}},"
                + "{\"id\":[\"00u1\"],\"published\":1.5},{\"id\":\"00u2\",\"id\":\"00u3\"}]"), null);
        assertThat(p.items()).extracting(PageItem::id).containsExactly("123", null, null, "00u3");
        assertThat(p.items().get(0).lastUpdated()).isEqualTo("false");   // the input then finds it not a time
        assertThat(p.items().get(1).uuid()).isNull();
        assertThat(p.items().get(2).published()).isEqualTo("1.5");
        assertThat(p.items().get(3).jsonString()).isEqualTo("{\"id\":\"00u2\",\"id\":\"00u3\"}");
    }

    @Test
    void elementsThatAreNotObjectsAreRefusedNamingWhatWasFound() {
        for (String body : List.of("[1]", "[null]", "[[]]", "[\"00u1\"]", "[{\"id\":\"a\"},true]")) {
            assertThatThrownBy(() -> PageParser.parse(utf8(body), null)).as(body).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("expected an object as array element but found");
        }
        assertThatThrownBy(() -> PageParser.parse(utf8("{\"id\":\"00u1\"}"), null)).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> PageParser.parse(utf8("\"[]\""), null)).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> PageParser.parse(utf8("[]"), "value")).hasMessageContaining("object with 'value'");
    }

    @Test
    void unexpectedFieldsPassThroughUntouched() {
        String element = "{\"zzz\":{\"deep\":[[[{}]]]},\"id\":\"00u1\",\"\":\"\",\"_embedded\":{\"id\":\"not-me\"},\"id2\":\"x\"}";
        PageParser.Parsed p = PageParser.parse(utf8("{\"extra\":[1,2],\"value\":[" + element + "],\"more\":{\"value\":5},"
                + "\"_links\":{\"self\":{\"href\":\"s\"},\"prev\":\"p\",\"next\":{\"title\":\"t\",\"href\":\"n\"}}}"), "value");
        assertThat(p.items()).singleElement().satisfies(i -> {
            assertThat(i.jsonString()).isEqualTo(element);
            assertThat(i.id()).isEqualTo("00u1");
        });
        assertThat(p.bodyNext()).isEqualTo("n");
    }

    @Test
    void aWrappedPageNeverReadsAsEmptyOrLastByMistake() {
        // No items field at all: an empty listing. Present but not an array: refused, not "no items".
        assertThat(PageParser.parse(utf8("{\"_links\":{\"self\":{\"href\":\"s\"}}}"), "value").items()).isEmpty();
        for (String v : List.of("null", "{}", "5", "\"[]\"")) {
            assertThatThrownBy(() -> PageParser.parse(utf8("{\"value\":" + v + "}"), "value")).as(v)
                    .isInstanceOf(OktaProtocolException.class).hasMessageContaining("'value' is");
        }
        // A next link that cannot be read would end the listing early: refused.
        for (String next : List.of("{\"href\":5}", "{}", "\"https://acme.okta.com/x\"", "[]")) {
            assertThatThrownBy(() -> PageParser.parse(utf8("{\"value\":[],\"_links\":{\"next\":" + next + "}}"), "value"))
                    .as(next).isInstanceOf(OktaProtocolException.class).hasMessageContaining("_links.next");
        }
        assertThat(PageParser.parse(utf8("{\"value\":[],\"_links\":{\"next\":null}}"), "value").bodyNext()).isNull();
    }

    @Test
    void contentAfterThePageIsRefused() {
        assertThatThrownBy(() -> PageParser.parse(utf8("[{\"id\":\"a\"}]x"), null)).isInstanceOf(OktaProtocolException.class);
        for (String body : List.of("[] []", "[{\"id\":\"a\"}]{}", "[]{}", "[] 1", "[]\"x\"")) {
            assertThatThrownBy(() -> PageParser.parse(utf8(body), null)).as(body).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("after the end of the page");
        }
        assertThatThrownBy(() -> PageParser.parse(utf8("{\"value\":[]}{\"value\":[]}"), "value"))
                .hasMessageContaining("after the end of the page");
        assertThat(PageParser.parse(utf8("\ufeff [ ] \r\n\t"), null).items()).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hugeStringsAreKeptUpToTheLimitAndRefusedClearlyBeyondIt() {
        String big = "x".repeat(5_000_000);
        PageParser.Parsed p = PageParser.parse(utf8("[{\"id\":\"00u1\",\"profile\":{\"bio\":\"" + big + "\"}}]"), null);
        assertThat(p.items().get(0).json()).hasSize(5_000_000 + 34);
        String huge = "y".repeat(10_000_010);
        // in a field we read: refused, naming the limit
        assertThatThrownBy(() -> PageParser.parse(utf8("[{\"id\":\"" + huge + "\"}]"), null))
                .isInstanceOf(OktaProtocolException.class)
                .hasMessageContaining("String value length").hasMessageContaining("exceeds the maximum allowed")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
        // in a field we skip: never decoded, so it costs nothing beyond the body and passes through untouched
        byte[] skipped = utf8("[{\"id\":\"00u1\",\"profile\":{\"bio\":\"" + huge + "\"}}]");
        assertThat(PageParser.parse(skipped, null).items().get(0).json()).hasSize(skipped.length - 2);
        String longName = "n".repeat(60_000);
        assertThatThrownBy(() -> PageParser.parse(utf8("[{\"" + longName + "\":1}]"), null))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("Name length");
        String longNumber = "9".repeat(2_000);
        assertThatThrownBy(() -> PageParser.parse(utf8("[{\"id\":" + longNumber + "}]"), null))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("Number value length");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deepNestingIsKeptUpToTheLimitAndRefusedClearlyBeyondIt() {
        String ok = "[{\"id\":\"00u1\",\"x\":" + "[".repeat(150) + "]".repeat(150) + "}]";
        assertThat(PageParser.parse(utf8(ok), null).items()).hasSize(1);
        for (String body : List.of("[{\"x\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}]",
                "[{\"x\":" + "[".repeat(100_000), "{\"value\":[{\"x\":" + "[".repeat(1_000))) {
            assertThatThrownBy(() -> PageParser.parse(utf8(body), body.startsWith("{") ? "value" : null))
                    .isInstanceOf(OktaProtocolException.class).hasMessageContaining("nesting depth")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void linkHeadersAgreeWithAModelOfRfc8288AndStayLinearOnGarbage() {
        SplittableRandom r = new SplittableRandom(8288);
        String[] rels = {"self", "next", "prev", "first", "NEXT", "nextish", "prev next", "\"next\""};
        for (int i = 0; i < 3_000; i++) {
            int links = r.nextInt(5);
            List<String> values = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            String expected = null;
            for (int l = 0; l < links; l++) {
                String target = "https://acme.okta.com/api/v1/users?after=" + Integer.toHexString(r.nextInt()) + (r.nextBoolean() ? ",x;y" : "");
                String rel = rels[r.nextInt(rels.length)];
                boolean quoted = !rel.startsWith("\"") && (rel.contains(" ") || r.nextBoolean());
                String params = "; rel=" + (quoted ? "\"" + rel + "\"" : rel) + (r.nextBoolean() ? "; title=\"a, b; c\"" : "");
                String link = "<" + target + ">" + params;
                String unquoted = rel.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                if (expected == null && List.of(unquoted.split(" ")).contains("next") && (quoted || !rel.contains(" "))) {
                    expected = target;
                }
                if (r.nextBoolean()) {
                    values.add(link);
                } else {
                    line.append(line.length() == 0 ? "" : ", ").append(link);
                }
            }
            if (line.length() > 0) {
                values.add(line.toString());
            }
            // the model is order-insensitive across lines only when at most one line holds a next
            String got = LinkHeaders.next(values);
            if (values.stream().filter(v -> LinkHeaders.next(List.of(v)) != null).count() <= 1) {
                assertThat(got).as(values.toString()).isEqualTo(expected);
            }
        }
        // Garbage: never an exception, only a target that was between '<' and '>' in the input.
        char[] junk = {'<', '>', ';', ',', '=', '"', ' ', 'r', 'e', 'l', 'n', 'x', 't'};
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(80);
            for (int c = 0; c < len; c++) {
                sb.append(junk[r.nextInt(junk.length)]);
            }
            String got = LinkHeaders.next(List.of(sb.toString()));
            if (got != null) {
                assertThat(sb.toString()).contains("<" + got);
            }
        }
        // A later link's rel is never read as an earlier link's when the comma is missing.
        assertThat(LinkHeaders.next(List.of("<https://a/self>; rel=\"self\" <https://a/next>; rel=\"next\"")))
                .isEqualTo("https://a/next");
        // Linear on a long header full of links and no commas (OkHttp accepts headers of up to 256 KiB).
        assertThat(LinkHeaders.next(List.of("<>".repeat(120_000)))).isNull();
        assertThat(LinkHeaders.next(List.of("<x>; rel=self ".repeat(15_000) + "<y>; rel=next"))).isEqualTo("y");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
