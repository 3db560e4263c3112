package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command that reads the cluster fails alike when no API server answers: exit 1, one line, the server named. */
class ClusterErrorsCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plan                                      | plan: cannot list horizontalpodautoscalers.autoscaling in"
                        + " every namespace",
                "events apply                              | apply: cannot get configmaps in namespace prescaler",
                "certs --namespace prescaler --service prescaler-webhook --secret prescaler-webhook-tls"
                        + " | certs: cannot get secrets in namespace prescaler",
            })
    void aCommandThatCannotReachTheApiServerSaysWhereAndWhyInOneLine(String command, String start) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "https://127.0.0.1:%d"}}]
                users: [{name: me, user: {token: secret}}]
                contexts: [{name: local, context: {cluster: local, user: me, namespace: prescaler}}]
                current-context: local
                """
                        .formatted(port));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--connect-timeout", "2s"));
        StringWriter err = new StringWriter();

        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute(args.toArray(String[]::new));

        assertEquals(1, exit, err.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(
                lines.get(0)
                        .startsWith(start + " at https://127.0.0.1:" + port + "/ (--kubeconfig " + kubeconfig
                                + ", context local): connection refused"),
                lines.get(0));
    }
}
