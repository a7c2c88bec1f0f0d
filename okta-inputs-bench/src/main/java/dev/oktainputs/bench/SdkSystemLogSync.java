package dev.oktainputs.bench;

import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.LogEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * A System Log poll with okta-sdk-java: {@code SystemLogApi.listLogEvents} from {@code since}, ascending, 1000 per
 * page, following the next link's {@code after} cursor until the first empty page (a polling request always has a
 * next link), as Okta documents polling.
 */
final class SdkSystemLogSync {

    private SdkSystemLogSync() {
    }

    /** @return the lines written */
    static long run(String orgUrl, String token, Path out, String since) throws Exception {
        ApiClient client = SdkUsersSync.client(orgUrl, token);
        SystemLogApi logs = new SystemLogApi(client);
        try (SdkJsonLines sink = new SdkJsonLines(out, client.getObjectMapper())) {
            String after = null;
            while (true) {
                List<LogEvent> page = logs.listLogEvents(after == null ? since : null, null, after, null, null, 1000, "ASCENDING");
                if (page.isEmpty()) {
                    return sink.lines();
                }
                for (LogEvent e : page) {
                    sink.add("system_log", e.getUuid(), e.getPublished(), e);
                }
                sink.endPage();
                after = SdkUsersSync.nextAfter(page);
                if (after == null) {
                    return sink.lines();
                }
            }
        }
    }
}
