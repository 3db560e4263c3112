package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Least privilege: one ServiceAccount per part, no wildcard, Secrets and the webhook configuration by name. */
class RbacTest {

    /** Verbs that hand out more than the rule names (or every Secret's content, for list/watch on secrets). */
    private static final Set<String> ESCALATING_VERBS = Set.of("escalate", "bind", "impersonate", "*");

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void grantsNoWildcardVerbResourceOrApiGroup(InstallVariant variant) {
        assertAll(rules(variant).stream().map(named -> () -> {
            PolicyRule rule = named.rule();
            assertAll(
                    named.role(),
                    () -> assertFalse(rule.getVerbs().stream().anyMatch(ESCALATING_VERBS::contains), "verbs"),
                    () -> assertFalse(rule.getResources().stream().anyMatch(r -> r.contains("*")), "resources"),
                    () -> assertFalse(rule.getApiGroups().contains("*"), "apiGroups"),
                    () -> assertTrue(rule.getNonResourceURLs().isEmpty(), "nonResourceURLs"),
                    () -> assertFalse(rule.getResourceNames().contains("*"), "resourceNames"));
        }));
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void readsAndWritesSecretsAndTheWebhookConfigurationOnlyByName(InstallVariant variant) {
        for (NamedRule named : rules(variant)) {
            PolicyRule rule = named.rule();
            boolean sensitive = rule.getResources().contains("secrets")
                    || rule.getResources().contains("mutatingwebhookconfigurations")
                    || rule.getResources().contains("configmaps");
            if (!sensitive) {
                continue;
            }
            // `create` is the one verb the authorizer cannot restrict by name: allowed alone in its rule.
            boolean createOnly = rule.getVerbs().equals(List.of("create"));
            assertTrue(
                    createOnly || !rule.getResourceNames().isEmpty(),
                    named.role() + " grants " + rule.getVerbs() + " on " + rule.getResources() + " without"
                            + " resourceNames");
            assertFalse(
                    rule.getVerbs().contains("list") || rule.getVerbs().contains("watch"),
                    named.role() + ": list/watch ignore resourceNames and would reveal every object");
        }
    }

    /** certs refuses a Secret of another type instead of deleting it: nothing may delete a Secret. */
    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void grantsNoDeleteOnSecrets(InstallVariant variant) {
        for (NamedRule named : rules(variant)) {
            if (named.rule().getResources().contains("secrets")) {
                assertFalse(
                        named.rule().getVerbs().contains("delete")
                                || named.rule().getVerbs().contains("deletecollection"),
                        named.role() + " grants " + named.rule().getVerbs() + " on secrets");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void everyBindingNamesARoleAndServiceAccountsTheInstallCreates(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        List<Runnable> checks = new ArrayList<>();
        for (ClusterRoleBinding binding : install.all(ClusterRoleBinding.class)) {
            checks.add(() -> checkBinding(install, binding.getRoleRef(), binding.getSubjects()));
        }
        for (RoleBinding binding : install.all(RoleBinding.class)) {
            checks.add(() -> checkBinding(install, binding.getRoleRef(), binding.getSubjects()));
        }
        assertFalse(checks.isEmpty());
        checks.forEach(Runnable::run);
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void everyPartRunsAsItsOwnServiceAccount(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        List<String> accounts = install.workloads().stream()
                .filter(w -> !w.kind().equals("CronJob") || !w.name().equals("prescaler-certs"))
                .map(w -> w.pod().getServiceAccountName())
                .toList();

        assertEquals(Set.copyOf(accounts).size(), accounts.size(), "one ServiceAccount per part: " + accounts);
        for (Workload workload : install.workloads()) {
            String account = workload.pod().getServiceAccountName();
            assertTrue(
                    install.find(ServiceAccount.class, account).isPresent(),
                    workload + " runs as " + account + ", which the install does not create");
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void theWebhookHasNoApiCredentials(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        Workload webhook = install.workloads().stream()
                .filter(w -> w.name().equals("prescaler-webhook"))
                .findFirst()
                .orElseThrow();

        assertEquals(Boolean.FALSE, webhook.pod().getAutomountServiceAccountToken());
        assertTrue(install.all(RoleBinding.class).stream()
                .flatMap(b -> b.getSubjects().stream())
                .noneMatch(s -> s.getName().equals(webhook.pod().getServiceAccountName())));
    }

    private static void checkBinding(RenderedInstall install, RoleRef roleRef, List<Subject> subjects) {
        boolean roleExists =
                switch (roleRef.getKind()) {
                    case "ClusterRole" -> install.find(ClusterRole.class, roleRef.getName())
                            .isPresent();
                    case "Role" -> install.find(Role.class, roleRef.getName()).isPresent();
                    default -> false;
                };
        assertTrue(roleExists, "binding to missing " + roleRef.getKind() + " " + roleRef.getName());
        for (Subject subject : subjects) {
            assertEquals("ServiceAccount", subject.getKind());
            assertEquals(install.namespace(), subject.getNamespace(), "subject " + subject.getName());
            assertTrue(
                    install.find(ServiceAccount.class, subject.getName()).isPresent(),
                    "binding to missing ServiceAccount " + subject.getName());
        }
    }

    private static List<NamedRule> rules(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        return Stream.concat(
                        install.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()
                                .map(rule -> new NamedRule(
                                        "ClusterRole " + r.getMetadata().getName(), rule))),
                        install.all(Role.class).stream().flatMap(r -> r.getRules().stream()
                                .map(rule ->
                                        new NamedRule("Role " + r.getMetadata().getName(), rule))))
                .toList();
    }

    private record NamedRule(String role, PolicyRule rule) {}
}
