package org.newsgraph.web;

import graphql.execution.instrumentation.Instrumentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Installs the application's {@link Instrumentation} beans (the same ones, in the same order, that Spring
 * Boot hands to Spring for GraphQL) as one {@link RequestLevelInstrumentation} when they only hook
 * whole-request steps, instead of the per-field {@code ChainedInstrumentation} Spring would install.
 */
@Component
class InstrumentationConfiguration implements GraphQlSourceBuilderCustomizer {

    private final ObjectProvider<Instrumentation> instrumentations;

    InstrumentationConfiguration(ObjectProvider<Instrumentation> instrumentations) {
        this.instrumentations = instrumentations;
    }

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        Instrumentation instrumentation =
                RequestLevelInstrumentation.of(instrumentations.orderedStream().toList());
        if (instrumentation != null) {
            builder.configureGraphQl(graphQl -> graphQl.instrumentation(instrumentation));
        }
    }
}
