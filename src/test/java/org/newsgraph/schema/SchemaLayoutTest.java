package org.newsgraph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.MainClasses;
import org.newsgraph.support.SharesNothing;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * From a field to its SQL in two hops (README, "Layout"): a field declared in {@code graphql/<feature>.graphqls}
 * or {@code graphql/<feature>-<part>.graphqls} is served by a controller of the package
 * {@code org.newsgraph.<feature>} (the resolution files by {@code review}), and by one controller method only.
 * Read from the schema files and the controllers' mapping annotations, with Spring's rules for a mapping that
 * names no type (the class's {@code @SchemaMapping}, else the source parameter's class).
 */
@SharesNothing
class SchemaLayoutTest {

    /** The files whose feature is served by a package of another name. */
    private static final Map<String, String> PACKAGE_OF_FEATURE = Map.of("resolution", "review");

    record Mapping(String type, String field, Method method) {
        String where() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }
    }

    /** {@code Type.field} to the schema files that declare it (as a type or an {@code extend type}). */
    static Map<String, List<String>> declaredFields() throws IOException {
        var declared = new TreeMap<String, List<String>>();
        try (Stream<Path> files = Files.list(Path.of("graphql"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls"))
                    .sorted()
                    .toList()) {
                var registry = new SchemaParser().parse(Files.readString(file));
                var types = new ArrayList<ObjectTypeDefinition>();
                registry.types().values().stream()
                        .filter(ObjectTypeDefinition.class::isInstance)
                        .map(ObjectTypeDefinition.class::cast)
                        .forEach(types::add);
                registry.objectTypeExtensions().values().forEach(types::addAll);
                for (ObjectTypeDefinition type : types) {
                    for (FieldDefinition field : type.getFieldDefinitions()) {
                        declared.computeIfAbsent(type.getName() + "." + field.getName(), k -> new ArrayList<>())
                                .add(file.getFileName().toString());
                    }
                }
            }
        }
        return declared;
    }

    /** Every mapping of every {@code @Controller} of {@code src/main/java}. */
    static List<Mapping> mappings() throws ClassNotFoundException {
        var mappings = new ArrayList<Mapping>();
        for (JavaClass imported : MainClasses.get()) {
            if (!imported.isAnnotatedWith(Controller.class)) {
                continue;
            }
            Class<?> controller = Class.forName(imported.getName());
            SchemaMapping classMapping = AnnotatedElementUtils.findMergedAnnotation(controller, SchemaMapping.class);
            String classType = classMapping == null ? "" : classMapping.typeName();
            for (Method method : controller.getDeclaredMethods()) {
                mapping(method, classType).ifPresent(mappings::add);
            }
        }
        return mappings;
    }

    private static Optional<Mapping> mapping(Method method, String classType) {
        String name = method.getName();
        QueryMapping query = AnnotatedElementUtils.findMergedAnnotation(method, QueryMapping.class);
        if (query != null) {
            return Optional.of(new Mapping("Query", or(query.name(), name), method));
        }
        MutationMapping mutation = AnnotatedElementUtils.findMergedAnnotation(method, MutationMapping.class);
        if (mutation != null) {
            return Optional.of(new Mapping("Mutation", or(mutation.name(), name), method));
        }
        SubscriptionMapping subscription =
                AnnotatedElementUtils.findMergedAnnotation(method, SubscriptionMapping.class);
        if (subscription != null) {
            return Optional.of(new Mapping("Subscription", or(subscription.name(), name), method));
        }
        SchemaMapping schema = AnnotatedElementUtils.findMergedAnnotation(method, SchemaMapping.class);
        if (schema != null) {
            String type = or(or(schema.typeName(), classType), sourceType(method, false));
            return Optional.of(new Mapping(type, or(schema.field(), name), method));
        }
        BatchMapping batch = AnnotatedElementUtils.findMergedAnnotation(method, BatchMapping.class);
        if (batch != null) {
            String type = or(or(batch.typeName(), classType), sourceType(method, true));
            return Optional.of(new Mapping(type, or(batch.field(), name), method));
        }
        return Optional.empty();
    }

    /** The simple name of the source parameter's class (of a batch: the element class of its list). */
    private static String sourceType(Method method, boolean batch) {
        if (method.getParameterCount() == 0) {
            return "";
        }
        if (batch && method.getGenericParameterTypes()[0] instanceof ParameterizedType list) {
            return ((Class<?>) list.getActualTypeArguments()[0]).getSimpleName();
        }
        return method.getParameterTypes()[0].getSimpleName();
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** {@code actor-detail.graphqls} to {@code actor}, {@code resolution.graphqls} to {@code review}. */
    static String featurePackage(String file) {
        String feature = file.replaceFirst("\\.graphqls$", "").replaceFirst("-.*$", "");
        return PACKAGE_OF_FEATURE.getOrDefault(feature, feature);
    }

    @Test
    void everyMappedField_isDeclaredInOneSchemaFile_andServedByAControllerOfThatFilesFeature() throws Exception {
        var declared = declaredFields();
        var mappings = mappings();
        assertThat(mappings).as("the controllers' mappings").hasSizeGreaterThan(100);
        var served = new TreeMap<String, TreeSet<String>>();
        var misplaced = new ArrayList<String>();
        for (Mapping mapping : mappings) {
            String coordinates = mapping.type() + "." + mapping.field();
            List<String> files = declared.getOrDefault(coordinates, List.of());
            assertThat(files)
                    .as("the schema files that declare %s (%s)", coordinates, mapping.where())
                    .hasSize(1);
            String file = files.get(0);
            served.computeIfAbsent(file, k -> new TreeSet<>())
                    .add(mapping.method().getDeclaringClass().getSimpleName());
            String expected = "org.newsgraph." + featurePackage(file);
            String actual = mapping.method().getDeclaringClass().getPackageName();
            if (!actual.equals(expected)) {
                misplaced.add(coordinates + " of " + file + " is served by " + actual + "." + mapping.where());
            }
        }
        served.forEach((file, controllers) -> System.out.println(file + " <- " + String.join(", ", controllers)));
        assertThat(misplaced).as("fields served outside their file's feature").isEmpty();
    }

    @Test
    void everyField_hasAtMostOneMapping() throws Exception {
        var byCoordinates = new TreeMap<String, List<String>>();
        for (Mapping mapping : mappings()) {
            byCoordinates
                    .computeIfAbsent(mapping.type() + "." + mapping.field(), k -> new ArrayList<>())
                    .add(mapping.where());
        }
        byCoordinates.forEach((coordinates, methods) ->
                assertThat(methods).as("the methods that serve " + coordinates).hasSize(1));
    }

    @Test
    void featurePackage_isTheFilesFirstWord() {
        assertThat(featurePackage("actor-detail.graphqls")).isEqualTo("actor");
        assertThat(featurePackage("statement.graphqls")).isEqualTo("statement");
        assertThat(featurePackage("resolution-pages.graphqls")).isEqualTo("review");
    }
}
