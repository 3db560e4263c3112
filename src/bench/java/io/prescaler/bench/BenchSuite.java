package io.prescaler.bench;

/** One benchmark suite. Each stops by itself and talks only to 127.0.0.1. */
public interface BenchSuite {

    String name();

    /** One line for {@code bench --help}. */
    String description();

    BenchResult run() throws Exception;
}
