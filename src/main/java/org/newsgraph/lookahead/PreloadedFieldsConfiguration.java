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
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Lets the fields that loaders may fetch ahead (the controller methods marked {@link Preloadable}, values in
 * {@link Preloaded}) answer a preloaded value without the
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

    private final ApplicationContext context;

    /** The fields loaders may preload (type name and field name): the {@link Preloadable} controller methods. */
    private volatile Set<FieldCoordinates> fields;

    public PreloadedFieldsConfiguration(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(new Visitor(fields())));
    }

    /** The coordinates of every {@link Preloadable} method of the context's controllers. */
    public Set<FieldCoordinates> fields() {
        if (fields == null) {
            var found = new LinkedHashSet<FieldCoordinates>();
            for (Object controller :
                    context.getBeansWithAnnotation(Controller.class).values()) {
                Class<?> type = ClassUtils.getUserClass(controller);
                ReflectionUtils.doWithMethods(
                        type,
                        method -> found.add(coordinates(type, method)),
                        method -> method.isAnnotationPresent(Preloadable.class));
            }
            fields = Set.copyOf(found);
        }
        return fields;
    }

    /** The field a mapping method serves, the way Spring for GraphQL's annotations default it. */
    static FieldCoordinates coordinates(Class<?> controller, Method method) {
        var batch = AnnotatedElementUtils.findMergedAnnotation(method, BatchMapping.class);
        var schema = AnnotatedElementUtils.findMergedAnnotation(method, SchemaMapping.class);
        String typeName = batch != null ? batch.typeName() : schema != null ? schema.typeName() : "";
        String field = batch != null ? batch.field() : schema != null ? schema.field() : "";
        if (batch == null && schema == null) {
            throw new IllegalStateException("@Preloadable " + method + " is not a @BatchMapping or @SchemaMapping");
        }
        if (typeName.isEmpty()) {
            var onClass = AnnotatedElementUtils.findMergedAnnotation(controller, SchemaMapping.class);
            typeName = onClass != null && !onClass.typeName().isEmpty() ? onClass.typeName() : sourceType(method);
        }
        return FieldCoordinates.coordinates(typeName, field.isEmpty() ? method.getName() : field);
    }

    /** The simple name of the source type: the first parameter, or the element type of a batch's list. */
    private static String sourceType(Method method) {
        var parameter = ResolvableType.forMethodParameter(method, 0);
        var source = List.class.isAssignableFrom(parameter.toClass()) ? parameter.getGeneric(0) : parameter;
        return source.toClass().getSimpleName();
    }

    private static final class Visitor extends GraphQLTypeVisitorStub {

        private final Set<FieldCoordinates> fields;

        Visitor(Set<FieldCoordinates> fields) {
            this.fields = fields;
        }

        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            var parent = (GraphQLFieldsContainer) context.getParentNode();
            var coordinates = FieldCoordinates.coordinates(parent, field);
            if (fields.contains(coordinates)) {
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
