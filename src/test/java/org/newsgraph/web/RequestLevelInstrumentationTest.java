package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.ErrorCodeInstrumentation;
import org.newsgraph.limits.LimitsProperties;
import org.newsgraph.limits.QueryLimitsInstrumentation;

class RequestLevelInstrumentationTest {

    static final class PerField extends SimplePerformantInstrumentation {
        @Override
        public InstrumentationContext<Object> beginFieldFetch(
                InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            return null;
        }
    }

    static final class Plain implements Instrumentation {}

    final Instrumentation errorCodes = new ErrorCodeInstrumentation();
    final Instrumentation limits = new QueryLimitsInstrumentation(
            LimitsProperties.defaults(), new org.newsgraph.limits.Bulkhead(LimitsProperties.defaults()));

    @Test
    void theApplicationsInstrumentations_hookOnlyRequestSteps() {
        assertThat(RequestLevelInstrumentation.hooksOnlyRequestSteps(errorCodes))
                .isTrue();
        assertThat(RequestLevelInstrumentation.hooksOnlyRequestSteps(limits)).isTrue();
        assertThat(RequestLevelInstrumentation.of(List.of(limits, errorCodes)))
                .isInstanceOf(RequestLevelInstrumentation.class);
        assertThat(RequestLevelInstrumentation.of(List.of(limits))).isSameAs(limits);
        assertThat(RequestLevelInstrumentation.of(List.of())).isNull();
    }

    @Test
    void anInstrumentationWithPerFieldSteps_getsGraphQlJavasFullChain() {
        assertThat(RequestLevelInstrumentation.hooksOnlyRequestSteps(new PerField()))
                .isFalse();
        assertThat(RequestLevelInstrumentation.hooksOnlyRequestSteps(new Plain()))
                .isFalse();
        assertThat(RequestLevelInstrumentation.of(List.of(limits, new PerField())))
                .isInstanceOf(ChainedInstrumentation.class);
        assertThat(RequestLevelInstrumentation.of(List.of(new Plain()))).isInstanceOf(ChainedInstrumentation.class);
    }
}
