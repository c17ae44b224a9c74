package org.newsgraph.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.analytics.NetworkRepository;
import org.newsgraph.analytics.StatsRepository;
import org.newsgraph.analytics.TimelineRepository;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;

/**
 * Reads of one statement run without a transaction of their own (no {@code BEGIN READ ONLY} / {@code COMMIT}
 * round trip per field), still marked read-only (read replicas route by it); a read of several statements that
 * must agree (a page and its count) keeps its read-only transaction.
 */
class OneStatementReadsTest {

    private final AnnotationTransactionAttributeSource source = new AnnotationTransactionAttributeSource();

    private TransactionAttribute of(Class<?> type, String method) {
        Method found = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow();
        return source.getTransactionAttribute(found, type);
    }

    @Test
    void nodesByIdAndTheAnalyticsLoaders_joinATransactionButStartNone() {
        for (var read : new Object[][] {
            {ActorRepository.class, "findByIds"},
            {ActorRepository.class, "findById"},
            {ActorRepository.class, "aliases"},
            {ActorRepository.class, "page"},
            {TimelineRepository.class, "ofActors"},
            {NetworkRepository.class, "networks"},
        }) {
            var attribute = of((Class<?>) read[0], (String) read[1]);
            assertThat(attribute).as("%s", read[1]).isNotNull();
            assertThat(attribute.getPropagationBehavior())
                    .as("%s.%s", ((Class<?>) read[0]).getSimpleName(), read[1])
                    .isEqualTo(TransactionAttribute.PROPAGATION_SUPPORTS);
            assertThat(attribute.isReadOnly()).isTrue();
        }
    }

    @Test
    void groupsWithTheirCount_keepOneReadOnlyTransaction() {
        var attribute = of(StatsRepository.class, "statementGroups");
        assertThat(attribute.getPropagationBehavior()).isEqualTo(TransactionAttribute.PROPAGATION_REQUIRED);
        assertThat(attribute.isReadOnly()).isTrue();
    }
}
