package io.prescaler.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Configures slf4j-simple before the first logger exists: level from PRESCALER_LOG_LEVEL, ISO timestamps, stderr. */
public final class LogSettings {

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private LogSettings() {}

    public static void apply(Map<String, String> environment) {
        String level = environment.getOrDefault("PRESCALER_LOG_LEVEL", "info").toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            System.err.println("PRESCALER_LOG_LEVEL=" + level + " is not one of " + LEVELS + "; using info");
            level = "info";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // The Kubernetes client and Jetty are chatty at info; their warnings still show.
        System.setProperty("org.slf4j.simpleLogger.log.io.fabric8", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // The informer's reflector logs every failed list with a 40-line trace at ERROR, again on every retry; the
        // exporter says the same in one line per change (HpaCache). The trace stays visible at debug.
        boolean debugging = level.equals("debug") || level.equals("trace");
        System.setProperty(
                "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.informers.impl.cache.Reflector",
                debugging ? level : "off");
    }
}
