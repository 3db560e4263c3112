package io.prescaler.cli;

import picocli.CommandLine.Option;

/** Where a server command listens: the flags the exporter and the webhook share. */
public final class ListenOptions {

    @Option(
            names = "--address",
            paramLabel = "ADDRESS",
            defaultValue = "0.0.0.0",
            description = "Local address to listen on: an IP of this host, 127.0.0.1 for local tests only"
                    + " (default: ${DEFAULT-VALUE}, every interface, as a pod needs).")
    String address;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = CountConverter.Port.class,
            description = "Port to listen on; 0 picks a free one (default: 9101 for the exporter, 8443 for the"
                    + " webhook).")
    Integer port;

    /** The port given, else the command's own default. */
    int port(int commandDefault) {
        return port == null ? commandDefault : port;
    }
}
