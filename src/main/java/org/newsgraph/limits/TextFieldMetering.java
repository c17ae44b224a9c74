package org.newsgraph.limits;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the characters of the large text fields (a cost weight above 1, from {@code field-costs} or
 * {@code @cost}) as they are fetched, against the execution's {@link ResponseMemory.Tally}: their data fetchers
 * are wrapped when the schema is built. A value the tally does not admit is left out ({@code ""} for a non-null
 * field): the execution's answer is replaced by its error at the end anyway. Other strings are bounded by the
 * document validator (500 characters) and the cost model.
 */
@Component
class TextFieldMetering implements GraphQlSourceBuilderCustomizer {

    private final LimitsProperties limits;

    TextFieldMetering(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(new Visitor()));
    }

    private boolean large(String typeName, GraphQLFieldDefinition field) {
        Integer configured = limits.fieldCosts().get(typeName + "." + field.getName());
        if (configured != null) return configured > 1;
        var cost = field.getAppliedDirective("cost");
        return cost != null
                && cost.getArgument("weight") != null
                && cost.getArgument("weight").getValue() instanceof Integer weight
                && weight > 1;
    }

    private final class Visitor extends GraphQLTypeVisitorStub {
        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            if (!(context.getParentNode() instanceof GraphQLFieldsContainer parent)
                    || parent.getName().startsWith("__")
                    || !"String"
                            .equals(GraphQLTypeUtil.unwrapAll(field.getType()).getName())
                    || !GraphQLTypeUtil.isScalar(GraphQLTypeUtil.unwrapNonNull(field.getType()))
                    || !large(parent.getName(), field)) {
                return TraversalControl.CONTINUE;
            }
            GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
            FieldCoordinates coordinates = FieldCoordinates.coordinates(parent.getName(), field.getName());
            DataFetcher<?> delegate = registry.getDataFetcher(coordinates, field);
            String left = GraphQLTypeUtil.isNonNull(field.getType()) ? "" : null;
            registry.dataFetcher(
                    coordinates,
                    (delegate instanceof TrivialDataFetcher<?>)
                            ? new TrivialMetered(delegate, left)
                            : new Metered(delegate, left));
            return TraversalControl.CONTINUE;
        }
    }

    private static class Metered implements DataFetcher<Object> {
        private final DataFetcher<?> delegate;
        private final String left;

        Metered(DataFetcher<?> delegate, String left) {
            this.delegate = delegate;
            this.left = left;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object value = delegate.get(environment);
            if (value instanceof String text
                    && text.length() > 0
                    && environment.getGraphQlContext().get(ResponseMemory.Tally.class)
                            instanceof ResponseMemory.Tally tally
                    && !tally.admit(text.length())) {
                return left;
            }
            return value;
        }
    }

    private static final class TrivialMetered extends Metered implements TrivialDataFetcher<Object> {
        TrivialMetered(DataFetcher<?> delegate, String left) {
            super(delegate, left);
        }
    }
}
