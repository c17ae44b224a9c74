package org.newsgraph.schema;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks an operation with the schema and reports every selection of an object that implements {@code Node}
 * (or of a union or interface whose possible types do) that does not select {@code id}; and every field the
 * schema deprecates.
 */
final class NodeIds {

    private NodeIds() {}

    static void check(
            GraphQLSchema schema,
            Document document,
            GraphQLCompositeType type,
            SelectionSet selections,
            String path,
            List<String> missing) {
        for (var objectType : possibleTypes(schema, type)) {
            boolean isNode = objectType.getInterfaces().stream()
                    .anyMatch((i) -> i.getName().equals("Node"));
            var fields = fieldsFor(document, objectType, selections);
            if (isNode && fields.stream().noneMatch((f) -> f.getName().equals("id"))) {
                missing.add(path + " (" + objectType.getName() + ")");
            }
            for (var field : fields) {
                if (field.getSelectionSet() == null || field.getName().startsWith("__")) continue;
                var definition = objectType.getFieldDefinition(field.getName());
                if (definition == null) continue;
                GraphQLType fieldType = GraphQLTypeUtil.unwrapAll(definition.getType());
                if (fieldType instanceof GraphQLCompositeType composite) {
                    check(
                            schema,
                            document,
                            composite,
                            field.getSelectionSet(),
                            path + "." + (field.getAlias() != null ? field.getAlias() : field.getName()),
                            missing);
                }
            }
        }
    }

    /** Reports every selected field that the schema deprecates, as {@code path (Type.field)}. */
    static void deprecated(
            GraphQLSchema schema,
            Document document,
            GraphQLCompositeType type,
            SelectionSet selections,
            String path,
            List<String> found) {
        for (var objectType : possibleTypes(schema, type)) {
            for (var field : fieldsFor(document, objectType, selections)) {
                var definition = objectType.getFieldDefinition(field.getName());
                if (definition == null) continue;
                String at = path + "." + (field.getAlias() != null ? field.getAlias() : field.getName());
                if (definition.isDeprecated()) {
                    String entry = at + " (" + objectType.getName() + "." + field.getName() + ")";
                    if (!found.contains(entry)) found.add(entry);
                }
                if (field.getSelectionSet() != null
                        && GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLCompositeType composite) {
                    deprecated(schema, document, composite, field.getSelectionSet(), at, found);
                }
            }
        }
    }

    private static List<GraphQLObjectType> possibleTypes(GraphQLSchema schema, GraphQLCompositeType type) {
        if (type instanceof GraphQLObjectType object) return List.of(object);
        if (type instanceof GraphQLInterfaceType iface) return schema.getImplementations(iface);
        return ((graphql.schema.GraphQLUnionType) type)
                .getTypes().stream().map(GraphQLObjectType.class::cast).toList();
    }

    /** The fields selected on an object of this type: direct ones and those of fragments that apply to it. */
    private static List<Field> fieldsFor(Document document, GraphQLObjectType type, SelectionSet selections) {
        var fields = new ArrayList<Field>();
        for (var selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field);
            } else if (selection instanceof InlineFragment fragment) {
                if (applies(
                        type,
                        fragment.getTypeCondition() == null
                                ? null
                                : fragment.getTypeCondition().getName()))
                    fields.addAll(fieldsFor(document, type, fragment.getSelectionSet()));
            } else if (selection instanceof FragmentSpread spread) {
                var definition = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                        .filter((d) -> d.getName().equals(spread.getName()))
                        .findFirst()
                        .orElseThrow();
                if (applies(type, definition.getTypeCondition().getName()))
                    fields.addAll(fieldsFor(document, type, definition.getSelectionSet()));
            }
        }
        return fields;
    }

    private static boolean applies(GraphQLFieldsContainer type, String condition) {
        return condition == null
                || condition.equals(type.getName())
                || (type instanceof GraphQLObjectType object
                        && object.getInterfaces().stream()
                                .anyMatch((i) -> i.getName().equals(condition)));
    }
}
