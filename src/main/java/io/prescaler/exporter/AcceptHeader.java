package io.prescaler.exporter;

import java.util.Locale;

/**
 * What a scraper's {@code Accept} header admits, as far as the exporter's choice of format goes.
 *
 * <p>Prometheus asks for OpenMetrics first and admits the Prometheus text format at a lower weight (2.x sends
 * {@code application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,*}{@code /*;q=0.1}, 3.x
 * lists its {@code scrape_protocols} the same way). The exporter answers with the text format whenever the header
 * admits it at all: its per-HPA lines are cached between scrapes, while OpenMetrics is rendered whole at every
 * scrape, several times slower at thousands of HPAs, for series that gain nothing from it (gauges, one histogram).
 * Choosing among the admitted types is the server's right (RFC 9110, section 12.5.1). A scraper that admits only
 * OpenMetrics (or protobuf) gets it.
 *
 * @param value the header as sent; null or blank admits anything
 */
record AcceptHeader(String value) {

    /** Whether the Prometheus text format ({@code text/plain}, any version) is acceptable: q above 0. */
    boolean admitsPrometheusText() {
        if (value == null || value.isBlank()) {
            return true;
        }
        for (String range : value.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) && weight(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The range's q parameter; 1 when absent, 0 when unreadable (a range we cannot read is not relied on). */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
