package org.newsgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/** GraphiQL shows the schema's descriptions to users: every type, field, argument and enum value has one. */
@IntegrationTest
class SchemaDescriptionsTest {

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    void everyTypeFieldArgumentAndEnumValue_isDescribed() {
        var missing = new ArrayList<String>();
        for (GraphQLNamedType type : graphQlSource.schema().getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__")
                    || (type instanceof GraphQLScalarType
                            && java.util.Set.of("String", "Int", "Float", "Boolean", "ID")
                                    .contains(name))) {
                continue;
            }
            if (isBlank(type.getDescription())) missing.add(name);
            if (type instanceof GraphQLFieldsContainer container) {
                for (var field : container.getFieldDefinitions()) {
                    if (isBlank(field.getDescription())) missing.add(name + "." + field.getName());
                    for (var argument : field.getArguments()) {
                        if (isBlank(argument.getDescription()))
                            missing.add(name + "." + field.getName() + "(" + argument.getName() + ")");
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                for (var field : input.getFieldDefinitions()) {
                    if (isBlank(field.getDescription())) missing.add(name + "." + field.getName());
                }
            }
            if (type instanceof GraphQLEnumType enumType) {
                for (var value : enumType.getValues()) {
                    if (isBlank(value.getDescription())) missing.add(name + "." + value.getName());
                }
            }
            if (type instanceof GraphQLUnionType && isBlank(type.getDescription())) missing.add(name);
        }
        assertThat(missing).as("schema elements without a description").isEmpty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
