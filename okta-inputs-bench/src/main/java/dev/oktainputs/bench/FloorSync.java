package dev.oktainputs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor: the least any JVM client must do to write the org's records. The JDK's {@code HttpClient}, one request at
 * a time; jackson-core's streaming parser finds each array element's byte range and reads its key and timestamp; the
 * element's bytes are copied verbatim into the same JSON Lines envelope as okta-inputs' file sink
 * ({@code {"stream","op","key","ts","labels","data"}}, {@code ts} as {@code Instant.toString()}, line breaks in
 * {@code data} as spaces); one fsync per page. No retries, no checkpoints, no deletion tracking, no dedup, no rate-limit
 * bookkeeping: whatever okta-inputs spends beyond this is the cost of what it adds.
 */
final class FloorSync implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token;
    private final FileChannel file;
    private final byte[] prefix;
    private final String keyField;
    private final String tsField;
    private byte[] page = new byte[1 << 20];
    private int size;
    private long lines;

    /** The parent id and a slash before each key (an edge's key), or empty. */
    private String keyPrefix = "";
    /** Edges: each record's data is {@code {"groupId","userId","login","status"}}, as okta-inputs' group_members. */
    private boolean edges;
    /** When set, the page's keys are collected here instead of written. */
    private List<String> collected;

    private FloorSync(String token, Path out, String stream, String keyField, String tsField) throws IOException {
        this(token, open(out), stream, keyField, tsField);
    }

    private FloorSync(String token, FileChannel file, String stream, String keyField, String tsField) {
        this.token = token;
        this.file = file;
        this.prefix = ("{\"stream\":\"" + stream + "\",\"op\":\"upsert\",\"key\":\"").getBytes(StandardCharsets.UTF_8);
        this.keyField = keyField;
        this.tsField = tsField;
    }

    private static FileChannel open(Path out) throws IOException {
        return FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Every user, 200 per page, the same listing as okta-inputs' full pass; @return the lines written */
    static long users(String orgUrl, String token, Path out) throws IOException, InterruptedException {
        try (FloorSync f = new FloorSync(token, out, "users", "id", "lastUpdated")) {
            String url = orgUrl + "/api/v1/users?limit=" + Bench.USERS_PAGE + "&filter="
                    + URLEncoder.encode(SdkUsersSync.FILTER, StandardCharsets.UTF_8).replace("+", "%20");
            while (url != null) {
                url = f.page(url);
            }
            return f.lines;
        }
    }

    /** The System Log from {@code since}, 1000 per page, ascending, until the first empty page; @return the lines written */
    static long logs(String orgUrl, String token, Path out, String since) throws IOException, InterruptedException {
        try (FloorSync f = new FloorSync(token, out, "system_log", "uuid", "published")) {
            String url = orgUrl + "/api/v1/logs?limit=1000&sortOrder=ASCENDING&since="
                    + URLEncoder.encode(since, StandardCharsets.UTF_8);
            while (url != null) {
                long before = f.lines;
                String next = f.page(url);
                url = f.lines == before ? null : next;
            }
            return f.lines;
        }
    }

    /**
     * Every group's members as {@code group_members} edges: key {@code groupId/userId}, data
     * {@code {"groupId","userId","login","status"}} as okta-inputs writes it (its {@code ts} is the member's
     * {@code lastUpdated}, okta-inputs' the group's {@code lastMembershipUpdated}):
     * the groups listed 1000 per page, then {@code concurrency} workers each taking the next group and reading its
     * member pages (1000 per page) one request at a time; the workers append to one file, one fsync per page.
     *
     * @return the lines written
     */
    static long members(String orgUrl, String token, Path out, int concurrency) throws Exception {
        try (FileChannel file = open(out)) {
            List<String> groups = new ArrayList<>();
            FloorSync lister = new FloorSync(token, file, "groups", "id", "lastUpdated");
            lister.collected = groups;
            for (String url = orgUrl + "/api/v1/groups?limit=1000"; url != null; ) {
                url = lister.page(url);
            }
            ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(groups);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<Long>> workers = new ArrayList<>();
                for (int w = 0; w < concurrency; w++) {
                    workers.add(pool.submit(() -> {
                        FloorSync f = new FloorSync(token, file, "group_members", "id", "lastUpdated");
                        f.edges = true;
                        for (String group = queue.poll(); group != null; group = queue.poll()) {
                            f.keyPrefix = group + "/";
                            for (String url = orgUrl + "/api/v1/groups/" + group + "/users?limit=1000"; url != null; ) {
                                url = f.page(url);
                            }
                        }
                        return f.lines;
                    }));
                }
                long lines = 0;
                for (Future<Long> w : workers) {
                    lines += w.get();
                }
                return lines;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Fetches one page, writes and fsyncs its records; @return the next link, or null */
    private String page(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "SSWS " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        byte[] body = response.body();
        size = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not an array: " + url);
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                String key = null;
                String ts = null;
                String status = null;
                String login = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v.isScalarValue()) {
                        if (name.equals(keyField)) {
                            key = p.getText();
                        } else if (name.equals(tsField)) {
                            ts = p.getText();
                        } else if (edges && name.equals("status")) {
                            status = p.getText();
                        }
                    } else if (edges && name.equals("profile") && v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            boolean isLogin = p.currentName().equals("login");
                            if (p.nextToken().isScalarValue()) {
                                login = isLogin ? p.getText() : login;
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                int end = (int) p.currentLocation().getByteOffset();
                if (edges) {
                    byte[] edge = ("{\"groupId\":\"" + keyPrefix.substring(0, keyPrefix.length() - 1) + "\",\"userId\":\"" + key
                            + "\",\"login\":\"" + new String(ENCODER.quoteAsString(login)) + "\",\"status\":\"" + status + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    record(key, ts, edge, 0, edge.length);
                } else {
                    record(key, ts, body, start, end);
                }
            }
        }
        if (collected == null) {
            ByteBuffer buf = ByteBuffer.wrap(page, 0, size);
            synchronized (file) { // workers of the fan-out share the file; a page's lines stay together
                while (buf.hasRemaining()) {
                    file.write(buf);
                }
            }
            file.force(false);
        }
        return next(response.headers().allValues("link"));
    }

    private void record(String key, String ts, byte[] body, int start, int end) {
        if (collected != null) {
            collected.add(key);
            return;
        }
        byte[] k = ENCODER.quoteAsUTF8(keyPrefix.isEmpty() ? key : keyPrefix + key);
        byte[] t = Instant.parse(ts).toString().getBytes(StandardCharsets.US_ASCII);
        ensure(prefix.length + k.length + t.length + (end - start) + 64);
        put(prefix);
        put(k);
        put(TS);
        put(t);
        put(DATA);
        for (int i = start; i < end; i++) {
            byte b = body[i];
            page[size++] = b == '\n' || b == '\r' ? (byte) ' ' : b;
        }
        put(END);
        lines++;
    }

    private static final byte[] TS = "\",\"ts\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\",\"labels\":{},\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

    private void put(byte[] b) {
        System.arraycopy(b, 0, page, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > page.length) {
            page = Arrays.copyOf(page, Math.max(page.length * 2, size + more));
        }
    }

    private static String next(List<String> links) {
        for (String link : links) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
