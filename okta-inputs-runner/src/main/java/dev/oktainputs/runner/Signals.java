package dev.oktainputs.runner;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop a continuous run so that the process exits 0 with its checkpoints saved,
 * instead of the JVM's default 130/143. Falls back to the shutdown hook where signals cannot be handled.
 */
final class Signals {

    private Signals() {
    }

    static void onInterrupt(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // not available here: the shutdown hook still stops the pipeline
            }
        }
    }
}
