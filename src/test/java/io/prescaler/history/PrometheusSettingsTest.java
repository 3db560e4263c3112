package io.prescaler.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.failure.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusSettingsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://prometheus:9090        | http://prometheus:9090/api/v1/query_range",
                "http://prometheus:9090/       | http://prometheus:9090/api/v1/query_range",
                "http://mimir/prometheus       | http://mimir/prometheus/api/v1/query_range",
                "https://thanos.example/q/     | https://thanos.example/q/api/v1/query_range",
            })
    void keepsThePathPrefixOfTheUrl(String url, String endpoint) {
        PrometheusSettings settings =
                PrometheusSettings.of(URI.create(url), Optional.empty(), Optional.empty(), Map.of());
        assertEquals(URI.create(endpoint), settings.endpoint("query_range"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "prometheus:9090            | ''          | ''     | not an http:// or https:// URL",
                "ftp://prometheus           | ''          | ''     | not an http:// or https:// URL",
                "http://prometheus?x=1      | ''          | ''     | has a query or fragment",
                "http://prometheus          | Host        | x      | set by the client itself",
                "http://prometheus          | 'X Org'     | x      | not a header name",
                "http://prometheus          | X-Scope-OrgID | ''   | ''",
            })
    void refusesSettingsThatCannotWork(String url, String header, String value, String message) {
        Map<String, String> headers = header.isEmpty() ? Map.of() : Map.of(header, value);
        if (message.isEmpty()) {
            PrometheusSettings.of(URI.create(url), Optional.empty(), Optional.empty(), headers);
            return;
        }
        UsageException e = assertThrows(
                UsageException.class,
                () -> PrometheusSettings.of(URI.create(url), Optional.empty(), Optional.empty(), headers));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusesACaFileForAPlainHttpUrlAndTwoAuthorizations() {
        assertThrows(
                UsageException.class,
                () -> PrometheusSettings.of(
                        URI.create("http://prometheus"), Optional.empty(), Optional.of(Path.of("ca.pem")), Map.of()));
        assertThrows(
                UsageException.class,
                () -> PrometheusSettings.of(
                        URI.create("http://prometheus"),
                        Optional.of(Path.of("token")),
                        Optional.empty(),
                        Map.of("Authorization", "Basic x")));
    }
}
