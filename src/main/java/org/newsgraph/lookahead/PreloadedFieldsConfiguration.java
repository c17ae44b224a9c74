package org.newsgraph.lookahead;

import graphql.GraphQLContext;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.micrometer.context.ContextSnapshot;
import java.util.List;
import java.util.Set;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Lets the fields that loaders may fetch ahead ({@link Preloaded}) answer a preloaded value without the
 * per-field machinery of Spring for GraphQL (DataLoader load, context snapshot, controller invocation).
 *
 * <p>The wrapping fetcher is a {@link TrivialDataFetcher}: Spring's {@code ContextDataFetcherDecorator},
 * applied by a type visitor that runs after the configured ones in the same traversal, skips trivial
 * fetchers, and graphql-java instrumentations treat them as property reads. When the value was not
 * preloaded, the wrapper does what that decorator does for the controller's (non-reactive) result:
 * it calls the original fetcher (the {@code @BatchMapping}, i.e. the batched DataLoader) inside a
 * context snapshot of the request.
 */
@Component
public class PreloadedFieldsConfiguration implements GraphQlSourceBuilderCustomizer {

    /** The fields loaders may preload: type name and field name. */
    static final Set<FieldCoordinates> FIELDS = Set.of(
            FieldCoordinates.coordinates("Statement", "article"),
            FieldCoordinates.coordinates("Statement", "events"),
            FieldCoordinates.coordinates("Statement", "speaker"),
            FieldCoordinates.coordinates("Event", "participants"),
            FieldCoordinates.coordinates("EventParticipant", "actor"));

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(new Visitor()));
    }

    private static final class Visitor extends GraphQLTypeVisitorStub {

        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            var parent = (GraphQLFieldsContainer) context.getParentNode();
            var coordinates = FieldCoordinates.coordinates(parent, field);
            if (FIELDS.contains(coordinates)) {
                var codeRegistry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                DataFetcher<?> original = codeRegistry.getDataFetcher(coordinates, field);
                codeRegistry.dataFetcher(coordinates, new PreloadedOrDelegate(field.getName(), original));
            }
            return TraversalControl.CONTINUE;
        }
    }

    /** Answers the preloaded value if there is one, else the original fetcher's. */
    static final class PreloadedOrDelegate implements TrivialDataFetcher<Object> {

        private final String field;
        private final DataFetcher<?> delegate;

        PreloadedOrDelegate(String field, DataFetcher<?> delegate) {
            this.field = field;
            this.delegate = delegate;
        }

        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
            GraphQLContext graphQlContext = env.getGraphQlContext();
            Preloaded preloaded = Preloaded.find(graphQlContext);
            if (preloaded != null) {
                Object value = preloaded.get(env.getSource(), field);
                if (value != Preloaded.MISSING) {
                    return value;
                }
            }
            var snapshotFactory = ContextPropagationHelper.getInstance(graphQlContext);
            ContextSnapshot snapshot = (env.getLocalContext() instanceof GraphQLContext localContext)
                    ? snapshotFactory.captureFrom(graphQlContext, localContext)
                    : snapshotFactory.captureFrom(graphQlContext);
            return snapshot.wrap(() -> delegate.get(env)).call();
        }

        @Override
        public String toString() {
            return "PreloadedOrDelegate[" + delegate + "]";
        }
    }
}
