package org.newsgraph.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.newsgraph.date.DateScalars;
import org.newsgraph.limits.Bulkhead;
import org.newsgraph.limits.LimitsProperties;
import org.newsgraph.limits.ResponseMemory;
import org.newsgraph.relay.PageRequestArgumentResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @GraphQlTest} of one controller needs besides the controller: the scalars and the
 * {@code PageRequest} parameter resolver (neither is a type the slice picks up by itself), and the limits
 * that the query-limits instrumentation (which the slice includes) reads, and the bulkhead it admits
 * expensive queries through.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({DateScalars.class, PageRequestArgumentResolver.class, Bulkhead.class, ResponseMemory.class})
@EnableConfigurationProperties(LimitsProperties.class)
public @interface ControllerSlice {}
