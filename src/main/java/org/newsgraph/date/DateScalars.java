package org.newsgraph.date;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.newsgraph.input.StorableDates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The scalars {@code Date} (ISO-8601 {@code 2025-04-22}) and {@code DateTime} (ISO-8601 instant with
 * offset, {@code 2025-04-22T18:00:00Z}): both are strings in an ISO-8601 form, coerced by one
 * {@link IsoCoercing}. Bad input is refused with a message that shows the expected form.
 */
@Configuration(proxyBeanMethods = false)
public class DateScalars {

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("A calendar date in ISO-8601 form, YYYY-MM-DD")
            .coercing(new IsoCoercing<>(
                    "Date",
                    "date",
                    "a string of the form YYYY-MM-DD",
                    "YYYY-MM-DD",
                    "2025-04-22",
                    text -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE),
                    StorableDates::storable,
                    value -> value instanceof LocalDate date
                            ? date.toString()
                            : value instanceof java.sql.Date date
                                    ? date.toLocalDate().toString()
                                    : null))
            .build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant in ISO-8601 form with offset, e.g. 2025-04-22T18:00:00Z; as input, a date alone"
                    + " (2025-04-22) means the start of that day, UTC")
            .coercing(new DateTimeCoercing())
            .build();

    @Bean
    RuntimeWiringConfigurer dateScalarsWiring() {
        return wiring -> wiring.scalar(DATE).scalar(DATE_TIME);
    }

    /**
     * A scalar written as an ISO-8601 string.
     *
     * @param format the text of a Java value, or null if the value is not of this scalar
     * @param parse parses the text, throwing {@link DateTimeParseException} when it is not of the form
     * @param storable whether a parsed value lies in the range PostgreSQL stores exactly (years 1-9999)
     */
    record IsoCoercing<T>(
            String scalar,
            String what,
            String form,
            String expected,
            String example,
            Function<String, T> parse,
            Predicate<T> storable,
            Function<Object, String> format)
            implements Coercing<T, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            String text = format.apply(value);
            if (text == null) {
                throw new CoercingSerializeException("Not a " + what + ": " + value);
            }
            return text;
        }

        @Override
        public T parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException(wrongType());
        }

        @Override
        public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException(wrongType());
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private String wrongType() {
            return "A " + scalar + " is " + form + ", e.g. \"" + example + "\"";
        }

        private <E extends RuntimeException> T parse(String text, Function<String, E> error) {
            T value;
            try {
                value = parse.apply(text);
            } catch (DateTimeParseException e) {
                throw error.apply(
                        "'" + text + "' is not a " + scalar + ": expected " + expected + ", e.g. \"" + example + "\"");
            }
            if (!storable.test(value)) {
                throw error.apply("'" + text + "' is outside the dates NewsGraph stores, " + StorableDates.RANGE);
            }
            return value;
        }
    }

    private static final java.util.regex.Pattern DATE_ONLY = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String DATE_ONLY_VALUES = DateScalars.class.getName() + ".dateOnly";

    /** Whether this DateTime input value was given as a date alone ("2025-04-22") in this request. */
    @SuppressWarnings("unchecked")
    public static boolean wasDateOnly(GraphQLContext context, OffsetDateTime value) {
        java.util.Set<Object> values = context == null ? null : (java.util.Set<Object>) context.get(DATE_ONLY_VALUES);
        return value != null && values != null && values.contains(value);
    }

    static final class DateTimeCoercing implements Coercing<OffsetDateTime, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof OffsetDateTime time) {
                return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            if (value instanceof Instant instant) {
                return instant.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            throw new CoercingSerializeException("Not a date-time: " + value);
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, context, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException(
                    "A DateTime is an ISO-8601 string with offset, e.g. \"2025-04-22T18:00:00Z\"");
        }

        @Override
        public OffsetDateTime parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), context, CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException(
                    "A DateTime is an ISO-8601 string with offset, e.g. \"2025-04-22T18:00:00Z\"");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static <E extends RuntimeException> OffsetDateTime parse(
                String text, GraphQLContext context, java.util.function.Function<String, E> error) {
            if (DATE_ONLY.matcher(text).matches()) {
                // A date alone ("most wire copies give no time") is the start of that day, UTC; the value is
                // remembered so that the field can tell it from an exact midnight (see wasDateOnly).
                try {
                    var start = LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
                    if (!StorableDates.storable(start)) {
                        throw error.apply(
                                "'" + text + "' is outside the dates NewsGraph stores, " + StorableDates.RANGE);
                    }
                    if (context != null) {
                        context.<java.util.Set<Object>>computeIfAbsent(
                                        DATE_ONLY_VALUES,
                                        k -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))
                                .add(start);
                    }
                    return start;
                } catch (DateTimeParseException e) {
                    throw error.apply("'" + text + "' is not a date: expected YYYY-MM-DD, e.g. \"2025-04-22\"");
                }
            }
            try {
                var time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                if (!StorableDates.storable(time)) {
                    throw error.apply("'" + text + "' is outside the dates NewsGraph stores, " + StorableDates.RANGE);
                }
                return time;
            } catch (DateTimeParseException e) {
                throw error.apply("'" + text
                        + "' is not a DateTime: expected ISO-8601 with offset, e.g. \"2025-04-22T18:00:00Z\"");
            }
        }
    }
}
