package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project is Apache-2.0, and the jar carries its LICENSE and the list of the licences of what it bundles, which
 * license-maven-plugin writes from the libraries' own POMs at build time (nothing is listed by hand).
 */
class LicensesTest {

    /** A few of the libraries the jar bundles, directly and transitively, with the licence their POMs declare. */
    private static final List<String> BUNDLED = List.of(
            "(Apache-2.0) picocli (info.picocli:picocli:",
            "(Apache-2.0) javalin (io.javalin:javalin:",
            "(Apache-2.0) Fabric8 :: Kubernetes :: Java Client (io.fabric8:kubernetes-client:",
            "(Bouncy Castle Licence) Bouncy Castle PKIX",
            "(MIT) SLF4J API Module (org.slf4j:slf4j-api:",
            "(Apache-2.0) SnakeYAML (org.yaml:snakeyaml:");

    @Test
    void theProjectIsApache2AndTheJarCarriesItsLicense() throws IOException {
        String license = Files.readString(Repository.ROOT.resolve("LICENSE"));

        assertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"));
        assertTrue(license.contains("END OF TERMS AND CONDITIONS"), "the full text");
        assertEquals(license, classpathText("META-INF/LICENSE"));
        String pom = Files.readString(Repository.ROOT.resolve("pom.xml"));
        assertTrue(pom.contains("<name>Apache-2.0</name>"), "the pom's <licenses>");
    }

    @Test
    void theJarListsTheLicencesOfWhatItBundlesButNotOfTestLibraries() throws IOException {
        String thirdParty = classpathText("META-INF/THIRD-PARTY.txt");

        assertAll(BUNDLED.stream().map(line -> () -> assertTrue(thirdParty.contains(line), line)));
        assertTrue(!thirdParty.contains("junit-jupiter"), "JUnit is a test library, not bundled");
        assertTrue(!thirdParty.contains("Unknown license"), "every library declares a licence");
    }

    private static String classpathText(String resource) throws IOException {
        try (InputStream in = LicensesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not in the build output; mvn generate-resources writes it");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
