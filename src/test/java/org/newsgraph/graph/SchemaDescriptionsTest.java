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

    /**
     * A plain list (not a connection) under the graph's types has no paging: its description says why that is
     * fine, "Bounded by design" (one sentence, one byline, one article) or "Not paged" (and how big it gets).
     */
    @Test
    void everyPlainListOfTheGraph_saysWhetherItIsBoundedOrNotPaged() {
        var unexplained = new ArrayList<String>();
        for (String typeName : java.util.List.of(
                "Actor",
                "Article",
                "Event",
                "Statement",
                "EventParticipant",
                "EventRelation",
                "Affiliation",
                "EventStatusChange",
                "StatementRelation",
                "ResolutionDecision",
                "Timeline",
                "NetworkEdge",
                "ActorPath")) {
            var type = (GraphQLFieldsContainer) graphQlSource.schema().getType(typeName);
            for (var field : type.getFieldDefinitions()) {
                if (!(graphql.schema.GraphQLTypeUtil.unwrapNonNull(field.getType())
                        instanceof graphql.schema.GraphQLList)) continue;
                String description = field.getDescription() == null ? "" : field.getDescription();
                if (!description.contains("Bounded by design")
                        && !description.contains("bounded by design")
                        && !description.contains("Not paged")) unexplained.add(typeName + "." + field.getName());
            }
        }
        assertThat(unexplained)
                .as("plain lists whose description does not say 'Bounded by design' or 'Not paged'")
                .isEmpty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
