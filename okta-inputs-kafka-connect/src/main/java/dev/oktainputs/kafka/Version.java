package dev.oktainputs.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version, from the build. */
final class Version {

    static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("okta-inputs-kafka-connect.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }
}
