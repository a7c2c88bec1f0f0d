package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** A response's Date, in the forms HTTP allows, the same from the remembered last text as from a fresh parse. */
class HttpDateTest {

    @Test
    void readsImfDatesAndRemembersNothingWrong() {
        Headers a = Headers.of("Date", "Thu, 03 Dec 2026 05:47:46 GMT");
        Headers b = Headers.of("Date", "Thu, 03 Dec 2026 05:47:47 GMT");

        assertThat(HttpDate.of(a)).isEqualTo(Instant.parse("2026-12-03T05:47:46Z"));
        assertThat(HttpDate.of(a)).isEqualTo(Instant.parse("2026-12-03T05:47:46Z"));
        assertThat(HttpDate.of(b)).isEqualTo(Instant.parse("2026-12-03T05:47:47Z"));
        assertThat(HttpDate.of(a)).isEqualTo(Instant.parse("2026-12-03T05:47:46Z"));
    }

    @Test
    void readsTheObsoleteFormsHttpAllowsToo() {
        assertThat(HttpDate.of(Headers.of("Date", "Thursday, 03-Dec-26 05:47:48 GMT"))).isEqualTo(Instant.parse("2026-12-03T05:47:48Z"));
        assertThat(HttpDate.of(Headers.of("Date", "Thu Dec  3 05:47:49 2026"))).isEqualTo(Instant.parse("2026-12-03T05:47:49Z"));
        assertThat(HttpDate.of(Headers.of("Date", "Thu, 3 Dec 2026 05:47:50 GMT"))).isEqualTo(Instant.parse("2026-12-03T05:47:50Z"));
    }

    @Test
    void noDateOrAnUnreadableOneIsNull() {
        assertThat(HttpDate.of(Headers.of())).isNull();
        assertThat(HttpDate.of(Headers.of("Date", "yesterday"))).isNull();
        assertThat(HttpDate.of(Headers.of("Date", "yesterday"))).isNull();
        assertThat(HttpDate.of(Headers.of("Date", "Thu, 03 Dec 2026 05:47:46 GMT"))).isEqualTo(Instant.parse("2026-12-03T05:47:46Z"));
    }
}
