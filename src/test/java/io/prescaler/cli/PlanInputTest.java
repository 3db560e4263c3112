package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code plan} reads its FILEs: through the one input boundary, like {@code mutate}. */
class PlanInputTest {

    private static final String EXAMPLE = "examples/hpa-backoffice-weekdays.yaml";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run plan(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[files.length + 5];
        args[0] = "plan";
        args[1] = "--date";
        args[2] = "2026-05-27";
        args[3] = "--timezone";
        args[4] = "Europe/Paris";
        System.arraycopy(files, 0, args, 5, files.length);
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void namesAMissingFile_andStillPlansTheOthers() {
        String missing = tmp.resolve("nope.yaml").toString();
        Run run = plan(missing, EXAMPLE);

        assertEquals(1, run.exit());
        assertEquals("plan: " + missing + ": no such file\n", run.err());
        assertTrue(run.out().contains("backoffice/backoffice-api: "), run.out());
    }

    @Test
    void reportsAYamlSyntaxErrorWithFileDocumentLineAndColumn() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "kind: A\n---\nmetadata: {name: [x}\n");
        Run run = plan(bad.toString(), EXAMPLE);

        assertEquals(1, run.exit());
        assertEquals(
                "plan: " + bad + ": document 2: line 3, column 20: while parsing a flow sequence, expected ',' or"
                        + " ']', but got }\n",
                run.err());
    }

    @Test
    void refusesAPrescaledAutoscalingV1Hpa_exit1_andPlansTheRestOfTheInput() {
        Run run = plan("src/test/resources/io/prescaler/manifest/old-api-versions.yaml", EXAMPLE);

        assertEquals(1, run.exit(), run.err());
        assertTrue(
                run.err()
                        .contains("plan: src/test/resources/io/prescaler/manifest/old-api-versions.yaml: document 1:"
                                + " HorizontalPodAutoscaler shop/legacy-web is autoscaling/v1, which cannot carry the"
                                + " External metric prescaling adds: convert it to autoscaling/v2"),
                run.err());
        assertTrue(run.out().contains("shop/web: "), "the autoscaling/v2 HPA of the same file is planned");
        assertTrue(run.out().contains("backoffice/backoffice-api: "), "so is the next file");
    }

    @Test
    void resolvesAliasesInTheHpa() {
        Run run = plan("src/test/resources/io/prescaler/manifest/anchors.yaml");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("shop/web: "), run.out());
    }

    @Test
    void notesPrescalingAnnotationsOnADeployment() {
        Run run = plan("src/test/resources/io/prescaler/manifest/annotations-on-a-deployment.yaml", EXAMPLE);
        assertEquals(0, run.exit(), run.err());
        assertTrue(
                run.err()
                        .startsWith("plan: note: src/test/resources/io/prescaler/manifest/annotations-on-a-deployment"
                                + ".yaml: document 1: Deployment shop/web carries prescaling annotations"),
                run.err());
    }
}
