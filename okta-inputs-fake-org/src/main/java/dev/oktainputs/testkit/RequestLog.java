package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.List;

/** The requests a server received, oldest first. Thread-safe. */
final class RequestLog {

    private final List<RecordedOktaRequest> requests = new ArrayList<>();

    synchronized void add(RecordedOktaRequest request) {
        requests.add(request);
    }

    synchronized int size() {
        return requests.size();
    }

    synchronized List<RecordedOktaRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedOktaRequest> drain() {
        List<RecordedOktaRequest> taken = List.copyOf(requests);
        requests.clear();
        return taken;
    }
}
