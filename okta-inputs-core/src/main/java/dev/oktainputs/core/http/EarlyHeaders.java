package dev.oktainputs.core.http;

import okhttp3.Response;

/**
 * Told of a page's response as soon as its headers are in, before its body is read ({@link RetryInterceptor} calls it
 * for a 200, once per attempt; the response's body must not be touched). Carried as a tag of the page's request, so
 * {@link PageCursor} can send the next request from the {@code Link} header while this body is still arriving.
 */
interface EarlyHeaders {

    /** @param response the response, its body not yet read */
    void arrived(Response response);
}
