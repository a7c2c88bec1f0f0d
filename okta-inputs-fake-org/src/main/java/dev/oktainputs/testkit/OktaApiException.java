package dev.oktainputs.testkit;

/** Thrown by a route handler to answer with an error response (e.g. 400 for a bad parameter). */
final class OktaApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FakeResponse response;

    OktaApiException(FakeResponse response) {
        super(response.body(), null, false, false);
        this.response = response;
    }

    FakeResponse response() {
        return response;
    }

    static OktaApiException validation(String field, String cause) {
        return new OktaApiException(FakeResponse.oktaError(400, "E0000001", "Api validation failed: " + field,
                field + ": " + cause));
    }

    static OktaApiException badSearch(String cause) {
        return new OktaApiException(FakeResponse.oktaError(400, "E0000031", "Invalid search criteria.", cause));
    }

    static OktaApiException notFound(String what) {
        return new OktaApiException(FakeResponse.oktaError(404, "E0000007", "Not found: Resource not found: " + what));
    }
}
