package dev.oktainputs.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oktainputs.core.schedule.CronSchedule;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a daemon thread, what a command that talks to Okta needs after its command line is
 * parsed — the logger (slf4j-simple's date format loads the JDK's locale data), the YAML parser, OkHttp and Kotlin's
 * classes, cron-utils' definitions — while the main thread spends ~0.15 s in picocli reading its annotations. The idea
 * of Spring Boot's {@code BackgroundPreinitializer}. On two cores it shortens {@code main()} to the first request by
 * about that much; the CPU time is the same (the main thread then finds the classes ready). It never fails anything:
 * the main thread does the same work and reports what goes wrong.
 */
final class WarmUp {

    /** The commands that read a configuration and make requests. */
    private static final Set<String> COMMANDS = Set.of("run", "check", "demo");

    private WarmUp() {
    }

    /** @param args the command line; nothing is started for {@code --help}, {@code query} and the like */
    static void start(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return;
        }
        Thread t = new Thread(WarmUp::run, "okta-inputs-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            LoggerFactory.getILoggerFactory();
            try (JsonParser p = new YAMLFactory().createParser("org_url: https://example.okta.com\ninputs: { users: {} }\n")) {
                while (p.nextToken() != null) {
                    p.getText();
                }
            }
            HttpUrl.get("https://example.okta.com/api/v1/users?limit=200");
            new OkHttpClient.Builder();
            CronSchedule.parse("*/15 * * * *");
        } catch (Exception | LinkageError e) {
            // the main thread meets the same problem and reports it
        }
    }
}
