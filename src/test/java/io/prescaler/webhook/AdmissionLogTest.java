package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AdmissionLogTest {

    private static final Path FIXTURES = Path.of("src/test/resources/io/prescaler/webhook");

    private final Logger logger = (Logger) LoggerFactory.getLogger(AdmissionHandler.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AdmissionHandler handler = new AdmissionHandler(new AdmissionReviewer(
            new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC),
            MetricEncoding.DIRECT,
            Clock.fixed(WebhookHarness.NOW, ZoneOffset.UTC)));

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void quotesTheUidAndNameSoThatALineBreakCannotForgeASecondLine() throws Exception {
        handler.handle(Files.readAllBytes(FIXTURES.resolve("uid-with-line-break.json")));

        assertEquals(1, lines.list.size(), "one line per decision: " + lines.list);
        String line = lines.list.get(0).getFormattedMessage();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.startsWith("admission patched: uid=\"c0a1\\n2026-12-01T00:00:00Z INFO"), line);
        assertTrue(line.contains("uid=\\\"forged\\\"\""), "the quote inside the value is escaped: " + line);
        assertTrue(line.contains("object=\"shop/web\\r\\nforged\""), line);
    }

    @Test
    void quotesTheReasonOfABodyThatIsRejected() {
        handler.handle("{\"apiVersion\":\"v1\",\"kind\":\"x\",\"request\":{\"uid\":\"a\\nb\"}}".getBytes());

        String line = lines.list.get(0).getFormattedMessage();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("admission rejected: uid=\"a\\nb\" reason=\"apiVersion/kind is v1/x;"), line);
    }

    @Test
    void cutsAValueLongerThanTheLineCanCarry() {
        String quoted = LogQuote.of("x".repeat(LogQuote.MAX_CHARS + 10));

        assertEquals('"' + "x".repeat(LogQuote.MAX_CHARS) + "...(10 more)\"", quoted);
    }

    @Test
    void writesAtMostTheBudgetPerSecondAndThenSaysHowManyWereLeftOut() {
        AtomicLong now = new AtomicLong();
        LogBudget budget = new LogBudget(2, now::get);
        List<Long> told = new java.util.ArrayList<>();

        List<Boolean> firstSecond = List.of(
                budget.tryWrite(told::add),
                budget.tryWrite(told::add),
                budget.tryWrite(told::add),
                budget.tryWrite(told::add));
        now.set(1_000_000_000L);
        boolean nextSecond = budget.tryWrite(told::add);

        assertEquals(List.of(true, true, false, false), firstSecond);
        assertTrue(nextSecond);
        assertEquals(List.of(2L), told);
    }
}
