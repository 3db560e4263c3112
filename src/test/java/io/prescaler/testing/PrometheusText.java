package io.prescaler.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), so tests read scrapes back as samples
 * instead of grepping strings. Strict: anything it does not understand is an error naming the line.
 */
public final class PrometheusText {

    /** One sample line: name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final Map<String, String> types;
    private final Map<String, String> helps;

    private PrometheusText(List<Sample> samples, Map<String, String> types, Map<String, String> helps) {
        this.samples = samples;
        this.types = types;
        this.helps = helps;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.startsWith("# HELP ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    helps.put(parts[0], parts.length > 1 ? parts[1] : "");
                } else if (line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    types.put(parts[0], parts[1]);
                } else if (line.startsWith("#")) {
                    continue;
                } else {
                    samples.add(sample(line));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not valid exposition format: " + line, e);
            }
        }
        return new PrometheusText(samples, types, helps);
    }

    private static Sample sample(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
            at++;
        }
        String name = line.substring(0, at);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int eq = line.indexOf('=', at);
                String label = line.substring(at, eq);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("bad label name " + label);
                }
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(
                                switch (next) {
                                    case 'n' -> '\n';
                                    case '\\' -> '\\';
                                    case '"' -> '"';
                                    default -> throw new IllegalArgumentException("bad escape \\" + next);
                                });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("duplicate label " + label);
                }
                at = j + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).trim().split(" ");
        return new Sample(name, labels, value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of that name whose labels include all the given ones. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> matching = samples(name).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() > 1) {
            throw new IllegalStateException(matching.size() + " samples of " + name + " match " + labels);
        }
        return matching.stream().findFirst().map(Sample::value);
    }

    public Optional<String> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Optional<String> help(String name) {
        return Optional.ofNullable(helps.get(name));
    }
}
