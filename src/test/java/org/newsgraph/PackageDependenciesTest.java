package org.newsgraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main/java} depend on each other in one direction only: the features form a
 * chain ({@code actor <- event <- article <- statement}), the cross-cutting packages sit below them. A
 * dependency is any mention of another package's class in code (imports and fully qualified names; comments
 * do not count). Prints the graph, so that a failing build shows where the cycle is.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/org/newsgraph");

    private static final Pattern MENTION = Pattern.compile("\\borg\\.newsgraph\\.([a-z]+)\\.[A-Z]");

    /** Package name to the other packages it mentions. */
    static Map<String, Set<String>> graph() {
        var graph = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class
                }
                String from = relative.getName(0).toString();
                var uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    var matcher = MENTION.matcher(code);
                    while (matcher.find()) {
                        if (!matcher.group(1).equals(from)) {
                            uses.add(matcher.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        var state = new Object() {
            int counter;
            final Map<String, Integer> index = new TreeMap<>();
            final Map<String, Integer> low = new TreeMap<>();
            final List<String> stack = new ArrayList<>();
            final List<Set<String>> found = new ArrayList<>();

            void visit(String node) {
                index.put(node, counter);
                low.put(node, counter++);
                stack.add(node);
                for (String next : graph.getOrDefault(node, Set.of())) {
                    if (!index.containsKey(next)) {
                        visit(next);
                        low.put(node, Math.min(low.get(node), low.get(next)));
                    } else if (stack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                }
                if (low.get(node).equals(index.get(node))) {
                    var component = new TreeSet<String>();
                    String member;
                    do {
                        member = stack.remove(stack.size() - 1);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        found.add(component);
                    }
                }
            }
        };
        graph.keySet().forEach(node -> {
            if (!state.index.containsKey(node)) {
                state.visit(node);
            }
        });
        return state.found;
    }

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        var graph = graph();
        graph.forEach((from, to) -> System.out.println("package " + from + " -> " + String.join(", ", to)));
        assertThat(graph).containsKeys("actor", "article", "event", "statement", "search", "relay");
        assertThat(cycles(graph)).as("package cycles").isEmpty();
    }

    @Test
    void featureChain_pointsFromStatementDownToActor() {
        var graph = graph();
        assertThat(graph.get("actor")).doesNotContain("event", "article", "statement", "search");
        assertThat(graph.get("event")).doesNotContain("article", "statement", "search");
        assertThat(graph.get("article")).doesNotContain("statement", "search");
        assertThat(graph.get("statement")).doesNotContain("search");
    }

    @Test
    void cycleFinder_findsATwoPackageCycle() {
        var graph = Map.<String, Set<String>>of("a", Set.of("b"), "b", Set.of("a", "c"), "c", Set.of());
        assertThat(cycles(graph)).containsExactly(Set.of("a", "b"));
    }
}
