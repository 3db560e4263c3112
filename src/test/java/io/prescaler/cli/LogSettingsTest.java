package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LogSettingsTest {

    private static final String FORGING = "uid=\"a\nb\" then\r\n2026-12-01T00:00:00Z INFO Forged - admission patched";

    /** What one context configured by LogSettings writes to stderr for one INFO event. */
    private static String written(LogSettings.Level level, LogSettings.Format format, String message) {
        PrintStream original = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            LogSettings.configure(context, level, format);
            context.getLogger("io.prescaler.webhook.AdmissionHandler").info("admission {}", message);
            context.stop(); // drains the asynchronous queue
        } finally {
            System.setErr(original);
        }
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(LogSettings.Format.class)
    void aLineBreakInAMessageNeverStartsASecondLine(LogSettings.Format format) {
        String out = written(LogSettings.Level.INFO, format, FORGING);

        List<String> lines = out.lines().toList();
        assertEquals(1, lines.size(), out);
        assertTrue(out.endsWith("\n"), out);
    }

    @Test
    void jsonLinesCarryTheMessageIntactForAPipeline() throws Exception {
        String out = written(LogSettings.Level.INFO, LogSettings.Format.JSON, FORGING);
        assertTrue(out.startsWith("{"), out);

        JsonNode line = new ObjectMapper().readTree(out);
        assertEquals("INFO", line.path("level").asText());
        assertEquals(
                "io.prescaler.webhook.AdmissionHandler", line.path("loggerName").asText());
        assertEquals("admission " + FORGING, line.path("formattedMessage").asText());
        assertTrue(line.path("timestamp").canConvertToLong(), out);
    }

    @ParameterizedTest
    @CsvSource({"INFO, true", "WARN, false", "OFF, false"})
    void writesOnlyAtTheLevelAsked(LogSettings.Level level, boolean written) {
        assertEquals(
                written, !written(level, LogSettings.Format.TEXT, "patched").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"webhook, JSON", "exporter, JSON", "mutate, TEXT", "plan, TEXT", "events, TEXT", "certs, TEXT"})
    void servicesWriteJsonAndCommandsRunByHandText(String command, LogSettings.Format format) {
        assertEquals(format, LogSettings.Format.defaultFor(command));
    }
}
