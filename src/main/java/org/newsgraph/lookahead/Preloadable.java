package org.newsgraph.lookahead;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method ({@code @BatchMapping} or {@code @SchemaMapping}) whose field a loader may
 * answer ahead of time: where the annotated field's value was recorded in {@link Preloaded}, it is answered
 * from there (see {@link PreloadedFieldsConfiguration}) and the method is not called; everywhere else the
 * method serves the field as usual. Both give the same value (LookaheadTest compares them).
 *
 * <p>{@link #by()} names the class that preloads the field and holds that SQL, so that a reader of the
 * method knows that the field has a second path.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Preloadable {

    /** The simple name of the class that preloads the field, e.g. {@code "StatementPreloader"}, and when. */
    String by();
}
