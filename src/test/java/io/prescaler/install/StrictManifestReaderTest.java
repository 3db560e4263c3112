package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The typed read that every rendered document goes through fails on what the API server would drop or refuse. */
class StrictManifestReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "misspelt-security-context.yaml, readOnlyRootFilessystem",
        "port-as-string.yaml, port",
        "misspelt-certificate.yaml, dnsName"
    })
    void rejectsADocumentWithAFieldItsModelDoesNotHave(String fixture, String badField) throws IOException {
        JsonNode document = fixture(fixture);

        IOException error = assertThrows(IOException.class, () -> StrictManifestReader.typed(document));

        assertTrue(error.getMessage().contains(badField), error.getMessage());
    }

    @Test
    void rejectsAKindWithoutATypedModel() throws IOException {
        JsonNode document = fixture("unknown-kind.yaml");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> StrictManifestReader.typed(document));

        assertTrue(error.getMessage().contains("example.com/v1/Widget"), error.getMessage());
    }

    @Test
    void rejectsAKeyWrittenTwice() {
        String yaml = resource("duplicate-key.yaml");

        UncheckedIOException error =
                assertThrows(UncheckedIOException.class, () -> StrictManifestReader.documents(yaml));

        assertTrue(error.getMessage().contains("Duplicate field 'a'"), error.getMessage());
    }

    @Test
    void readsAWellFormedDocument() throws IOException {
        JsonNode document = StrictManifestReader.documents(
                        RenderedInstall.of(InstallVariant.DEFAULT).yaml())
                .stream()
                .filter(d -> d.path("kind").asText().equals("Deployment"))
                .findFirst()
                .orElseThrow();

        assertInstanceOf(Deployment.class, StrictManifestReader.typed(document));
    }

    private static JsonNode fixture(String name) {
        return StrictManifestReader.documents(resource(name)).get(0);
    }

    private static String resource(String name) {
        try (InputStream in = StrictManifestReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
