package io.prescaler.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Prescaler's logging, set up in code (Logback reads no XML file at start, which costs a command run by hand a few
 * hundred milliseconds): one event per line on stderr, since stdout carries command output, through a bounded
 * asynchronous queue that drops events rather than ever making a request thread wait for stderr. Logback finds
 * this class as its {@link Configurator} and starts with INFO and text; once the command line is parsed,
 * {@link #apply} sets the level and format of {@code --log-level} and {@code --log-format}. A Logback file named by
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path (the tests'), wins.
 */
public final class LogSettings extends ContextAwareBase implements Configurator {

    public enum Level {
        TRACE,
        DEBUG,
        INFO,
        WARN,
        ERROR,
        OFF
    }

    public enum Format {
        /** One JSON object per line (Logback's JsonEncoder), for a log pipeline. */
        JSON,
        /** An ISO timestamp, the level, the class and the message, for a person at a terminal. */
        TEXT;

        /** The long-running services write for a log pipeline; the commands a person runs write for that person. */
        static Format defaultFor(String command) {
            return SERVICES.contains(command) ? JSON : TEXT;
        }
    }

    private static final Set<String> SERVICES = Set.of("exporter", "webhook");
    /** Events waiting for stderr; past this the newest are dropped (a flood of rejected requests, say). */
    static final int QUEUE_SIZE = 8192;
    /** A line break inside a message is written as \n: one event stays one line whatever a value holds. */
    private static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %level %logger{0} - %replace(%msg){'\\r?\\n|\\r', '\\\\n'}%n";
    /** The Kubernetes client and Jetty are chatty at INFO; their warnings still show. */
    private static final List<String> QUIET = List.of("io.fabric8", "org.eclipse.jetty", "io.javalin");

    private static final String REFLECTOR = "io.fabric8.kubernetes.client.informers.impl.cache.Reflector";

    private static final AtomicBoolean SHUTDOWN_HOOK = new AtomicBoolean();

    /** For Logback's service loader. */
    public LogSettings() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, Level.INFO, Format.TEXT);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets this run's level and format, unless a Logback file configures logging. */
    public static void apply(Level level, Format format) {
        if (!configuredElsewhere() && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context, level, format);
        }
    }

    /** Writes out what the asynchronous queue still holds; called before the process exits. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    private static boolean configuredElsewhere() {
        return System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || LogSettings.class.getClassLoader().getResource("logback-test.xml") != null;
    }

    static void configure(LoggerContext context, Level level, Format format) {
        context.reset();
        // Logback's own errors go to stderr; left alone it would print its warnings on stdout, into command output.
        context.getStatusManager().add(status -> {
            if (status.getLevel() == Status.ERROR) {
                System.err.println("logging: " + status.getMessage()
                        + (status.getThrowable() == null ? "" : ": " + status.getThrowable()));
            }
        });

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(format == Format.JSON ? json(context) : text(context));
        stderr.start();

        AsyncAppender queue = new AsyncAppender();
        queue.setContext(context);
        queue.setName("async");
        queue.setQueueSize(QUEUE_SIZE);
        queue.setDiscardingThreshold(0); // keep INFO until the queue is full, then drop rather than block
        queue.setNeverBlock(true);
        queue.addAppender(stderr);
        queue.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.toLevel(level.name()));
        root.addAppender(queue);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        // The informer's reflector logs every failed list with a 40-line trace at ERROR, again on every retry; the
        // exporter says the same in one line per change (HpaCache). The trace stays visible at debug.
        boolean debugging = level == Level.DEBUG || level == Level.TRACE;
        context.getLogger(REFLECTOR)
                .setLevel(
                        debugging
                                ? ch.qos.logback.classic.Level.toLevel(level.name())
                                : ch.qos.logback.classic.Level.OFF);
        if (SHUTDOWN_HOOK.compareAndSet(false, true)) {
            // A service stopped by SIGTERM never returns to main: write out the queue on the way down.
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop, "log-flush"));
        }
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithThreadName(false);
        encoder.setWithMDC(false);
        encoder.setWithKVPList(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
