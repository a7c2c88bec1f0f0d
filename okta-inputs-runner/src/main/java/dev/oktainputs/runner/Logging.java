package dev.oktainputs.runner;

/** Configures slf4j-simple before the first logger exists: INFO to standard error, HTTP at WARN unless asked. */
final class Logging {

    private Logging() {
    }

    static void configure(String level) {
        String l = level == null || level.isBlank() ? "info" : level.strip().toLowerCase(java.util.Locale.ROOT);
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", l.equals("debug") || l.equals("trace") ? l : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.oktainputs", l);
        setIfAbsent("org.slf4j.simpleLogger.log.dev.oktainputs.http", l.equals("debug") || l.equals("trace") ? l : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
