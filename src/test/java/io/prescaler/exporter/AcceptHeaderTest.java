package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // What Prometheus 2.x sends by default: OpenMetrics first, the text format admitted at q=0.5.
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | true",
                // Prometheus 3.x with its default scrape_protocols.
                "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                        + "application/openmetrics-text;version=0.0.1;q=0.4,"
                        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,"
                        + "*/*;q=0.1 | true",
                "text/plain | true",
                "TEXT/PLAIN; Q=0.9 | true",
                "*/* | true",
                "text/* | true",
                "null | true",
                "'' | true",
                // Only OpenMetrics, or text refused with q=0: the text format is not an answer.
                "application/openmetrics-text; version=1.0.0 | false",
                "application/openmetrics-text;version=1.0.0,text/plain;q=0 | false",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited | false",
                "text/plain;q=abc | false",
                "application/json | false",
            })
    void admitsTheTextFormatWheneverTheScraperDoes(String header, boolean admitted) {
        assertEquals(admitted, new AcceptHeader(header).admitsPrometheusText());
    }
}
