package org.newsgraph.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.Test;

/** The groups of {@link SuiteOrder}, for classes of each kind this suite has. */
class SuiteOrderTest {

    private static int group(String className) throws ClassNotFoundException {
        Class<?> type = Class.forName(className);
        return SuiteOrder.group(new ClassDescriptor() {
            @Override
            public Class<?> getTestClass() {
                return type;
            }

            @Override
            public String getDisplayName() {
                return type.getSimpleName();
            }

            @Override
            public boolean isAnnotated(Class<? extends java.lang.annotation.Annotation> annotationType) {
                return ((AnnotatedElement) type).isAnnotationPresent(annotationType);
            }

            @Override
            public <A extends java.lang.annotation.Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
                return Optional.ofNullable(type.getAnnotation(annotationType));
            }

            @Override
            public <A extends java.lang.annotation.Annotation> List<A> findRepeatableAnnotations(
                    Class<A> annotationType) {
                return List.of(type.getAnnotationsByType(annotationType));
            }
        });
    }

    @Test
    void
            longClassesBesideTheOthers_first_thenTheSharedLanesContextClasses_thenTheirOwnContexts_thenPlainTests_isolatedLast()
                    throws Exception {
        assertThat(group("org.newsgraph.ingest.SetBasedBatchTest")).isZero();
        assertThat(group("org.newsgraph.corpus.CorpusGeneratorTest")).isEqualTo(1);
        assertThat(group("org.newsgraph.limits.InputBoundsTest")).isEqualTo(2);
        assertThat(group("org.newsgraph.actor.ActorControllerTest")).isEqualTo(3);
        assertThat(group("org.newsgraph.ingest.MutationTest")).isEqualTo(3);
        assertThat(group("org.newsgraph.limits.QueryAnalysisTest")).isEqualTo(4);
        assertThat(group("org.newsgraph.httpcache.HttpCachingTest")).isEqualTo(5);
    }
}
