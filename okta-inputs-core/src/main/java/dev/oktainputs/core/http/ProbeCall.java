package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.error.OktaErrors;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** One cheap authenticated GET whose body is ignored: proves the credentials can read an endpoint. */
final class ProbeCall {

    private ProbeCall() {
    }

    static int run(OkHttpClient http, OrgUrl org, String credentialsKind, String pathAndQuery, String requiredScope) {
        HttpUrl url = org.resolve(pathAndQuery);
        OktaErrors.RequestInfo info = new OktaErrors.RequestInfo("GET", url.encodedPath(), requiredScope, credentialsKind);
        Request request = new Request.Builder().url(url).get().header("Accept", "application/json").build();
        try (Response response = http.newCall(request).execute()) {
            RetryInterceptor.successBody(response, info); // the body is ignored
            return response.code();
        } catch (IOException e) {
            throw OktaErrors.fromIo(e, 1, info);
        }
    }
}
