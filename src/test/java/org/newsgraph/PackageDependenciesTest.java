package org.newsgraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main/java} depend on each other in one direction only: the features form a
 * chain ({@code actor <- event <- article <- statement}), the cross-cutting packages sit below them. Read from
 * the compiled classes (ArchUnit), so a dependency is any use of another package's class: imports, wildcard
 * imports, fully qualified names, annotations. Prints the graph, and a failure names the classes of a cycle.
 */
class PackageDependenciesTest {

    private static final String ROOT = "org.newsgraph";

    private static final String[] FEATURES_ABOVE_ACTOR = {"event", "article", "statement", "search"};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    /** The first package below {@code org.newsgraph} of a class, or null for the application class itself. */
    private static String feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Package name to the other packages of the application that its classes use. */
    static Map<String, Set<String>> graph(JavaClasses classes) {
        var graph = new TreeMap<String, Set<String>>();
        for (JavaClass type : classes) {
            String from = feature(type);
            if (from == null) {
                continue;
            }
            var uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String to = feature(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    uses.add(to);
                }
            });
        }
        return graph;
    }

    private static String packages(String... names) {
        return String.join(", ", names);
    }

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        var graph = graph(main);
        graph.forEach((from, to) -> System.out.println("package " + from + " -> " + String.join(", ", to)));
        assertThat(graph).containsKeys("actor", "article", "event", "statement", "search", "relay");
        slices().matching(ROOT + ".(*)..")
                .as("the packages of org.newsgraph")
                .should()
                .beFreeOfCycles()
                .check(main);
    }

    @Test
    void featureChain_pointsFromStatementDownToActor() {
        noFeatureUses("actor", FEATURES_ABOVE_ACTOR);
        noFeatureUses("event", "article", "statement", "search");
        noFeatureUses("article", "statement", "search");
        noFeatureUses("statement", "search");
    }

    private static void noFeatureUses(String feature, String... above) {
        String[] packages = new String[above.length];
        for (int i = 0; i < above.length; i++) {
            packages[i] = ROOT + "." + above[i] + "..";
        }
        noClasses()
                .that()
                .resideInAPackage(ROOT + "." + feature + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages)
                .as(feature + " uses none of " + packages(above))
                .check(main);
    }

    @Test
    void cycleRule_failsOnACycleBetweenTwoPackages() {
        // two packages of the test classes that use each other: the rule must see it
        JavaClasses cyclic = new ClassFileImporter().importPackages(ROOT + ".packagecycle");
        var rule = slices().matching(ROOT + ".packagecycle.(*)..").should().beFreeOfCycles();
        assertThat(rule.evaluate(cyclic).hasViolation()).isTrue();
    }
}
