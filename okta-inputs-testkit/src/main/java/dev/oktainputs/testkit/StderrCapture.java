package dev.oktainputs.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What slf4j-simple (which writes to {@code System.err}) logged while a test step ran, for assertions on warnings;
 * echoed to the real stderr on close. Use it in a try-with-resources block around the step.
 */
public final class StderrCapture implements AutoCloseable {

    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Starts capturing {@code System.err}. */
    public StderrCapture() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /**
     * @return the lines logged so far
     */
    public List<String> lines() {
        return Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Override
    public void close() {
        System.setErr(stderr);
        stderr.print(bytes.toString(StandardCharsets.UTF_8));
    }
}
