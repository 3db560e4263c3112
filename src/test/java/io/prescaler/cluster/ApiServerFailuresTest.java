package io.prescaler.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.failure.ClusterException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the API server can fail a command, met for real: a closed port, a host DNS cannot resolve, a server
 * answering 401 and 403. Each gives one line naming the server, where it came from, the call and the cause, in a
 * bounded time.
 */
@EnableKubernetesMockClient
class ApiServerFailuresTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig(String url) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: Config
                clusters: [{name: test, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: test, user: {token: secret}}]
                contexts: [{name: test, context: {cluster: test, user: test, namespace: prescaler}}]
                current-context: test
                """
                        .formatted(url));
        return file;
    }

    private ClusterException listHpasAt(String url) throws IOException {
        Path file = kubeconfig(url);
        try (ClusterConnection connection =
                ClusterConnection.open(new ClusterSettings(file, null, Duration.ofSeconds(2)))) {
            return assertThrows(ClusterException.class, () -> new ClusterReader(connection).hpas());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void namesTheServerItsOriginAndARefusedConnection() throws IOException {
        int port = closedPort();
        long started = System.nanoTime();

        ClusterException e = listHpasAt("https://127.0.0.1:" + port);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertTrue(
                e.getMessage()
                        .startsWith("cannot list horizontalpodautoscalers.autoscaling in every namespace at"
                                + " https://127.0.0.1:" + port + "/ (--kubeconfig " + dir.resolve("kubeconfig")
                                + ", context test): connection refused"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void saysDnsCannotResolveAnUnknownHost() throws IOException {
        ClusterException e = listHpasAt("https://api.prescaler.invalid:6443");

        assertTrue(e.getMessage().contains("at https://api.prescaler.invalid:6443/ (--kubeconfig "), e.getMessage());
        assertTrue(e.getMessage().contains(": DNS cannot resolve the host: api.prescaler.invalid"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void saysTheCredentialsWereRefusedOn401() throws IOException {
        server.expect()
                .get()
                .withPath("/apis/autoscaling/v2/horizontalpodautoscalers")
                .andReturn(
                        401,
                        new StatusBuilder()
                                .withCode(401)
                                .withMessage("Unauthorized")
                                .build())
                .always();

        ClusterException e = listHpasAt(client.getMasterUrl().toString());

        assertTrue(
                e.getMessage()
                        .endsWith(": 401 Unauthorized: the API server refused the credentials (an expired token or"
                                + " client certificate? refresh the kubeconfig)"),
                e.getMessage());
    }

    @Test
    void namesTheVerbAndResourceRbacMustGrantOn403() throws IOException {
        server.expect()
                .get()
                .withPath("/apis/autoscaling/v2/horizontalpodautoscalers")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("horizontalpodautoscalers.autoscaling is forbidden: User"
                                        + " \"system:serviceaccount:prescaler:plan\" cannot list resource"
                                        + " \"horizontalpodautoscalers\" in API group \"autoscaling\" at the cluster"
                                        + " scope")
                                .build())
                .always();

        ClusterException e = listHpasAt(client.getMasterUrl().toString());

        assertTrue(
                e.getMessage()
                        .contains(": 403 Forbidden: RBAC must grant list on horizontalpodautoscalers.autoscaling"
                                + " (a ClusterRole and ClusterRoleBinding); the server said:"
                                + " horizontalpodautoscalers.autoscaling is forbidden: User"
                                + " \"system:serviceaccount:prescaler:plan\""),
                e.getMessage());
    }

    @Test
    void namesTheNamespaceOfAForbiddenConfigMap() throws IOException {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/prescaler/configmaps/prescaling-events")
                .andReturn(403, new StatusBuilder().withCode(403).build())
                .always();
        Path file = kubeconfig(client.getMasterUrl().toString());

        try (ClusterConnection connection =
                ClusterConnection.open(new ClusterSettings(file, null, Duration.ofSeconds(2)))) {
            ClusterException e = assertThrows(
                    ClusterException.class, () -> new ClusterReader(connection).configMap(ConfigMapRef.DEFAULT));

            assertTrue(
                    e.getMessage()
                            .startsWith("cannot get configmaps in namespace prescaler at " + client.getMasterUrl()),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .endsWith(": 403 Forbidden: RBAC must grant get on configmaps in namespace prescaler (a"
                                    + " Role and RoleBinding, or a ClusterRole)"),
                    e.getMessage());
        }
    }

    @Test
    void readsAnAbsentConfigMapAsEmpty() throws IOException {
        Path file = kubeconfig(client.getMasterUrl().toString());
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/other/configmaps/events")
                .andReturn(404, new StatusBuilder().withCode(404).build())
                .always();

        try (ClusterConnection connection =
                ClusterConnection.open(new ClusterSettings(file, null, Duration.ofSeconds(2)))) {
            assertTrue(new ClusterReader(connection)
                    .configMap(ConfigMapRef.parse("other/events"))
                    .isEmpty());
        }
    }
}
