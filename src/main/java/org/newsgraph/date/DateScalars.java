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
import org.newsgraph.input.StorableDates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The scalars {@code Date} (ISO-8601 {@code 2025-04-22}) and {@code DateTime} (ISO-8601 instant with
 * offset, {@code 2025-04-22T18:00:00Z}). Bad input is refused with a message that shows the expected form.
 */
@Configuration(proxyBeanMethods = false)
public class DateScalars {

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("A calendar date in ISO-8601 form, YYYY-MM-DD")
            .coercing(new DateCoercing())
            .build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant in ISO-8601 form with offset, e.g. 2025-04-22T18:00:00Z")
            .coercing(new DateTimeCoercing())
            .build();

    @Bean
    RuntimeWiringConfigurer dateScalarsWiring() {
        return wiring -> wiring.scalar(DATE).scalar(DATE_TIME);
    }

    static final class DateCoercing implements Coercing<LocalDate, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof LocalDate date) {
                return date.toString();
            }
            if (value instanceof java.sql.Date date) {
                return date.toLocalDate().toString();
            }
            throw new CoercingSerializeException("Not a date: " + value);
        }

        @Override
        public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException("A Date is a string of the form YYYY-MM-DD, e.g. \"2025-04-22\"");
        }

        @Override
        public LocalDate parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException("A Date is a string of the form YYYY-MM-DD, e.g. \"2025-04-22\"");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static <E extends RuntimeException> LocalDate parse(
                String text, java.util.function.Function<String, E> error) {
            try {
                var date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                if (!StorableDates.storable(date)) {
                    throw error.apply("'" + text + "' is outside the dates NewsGraph stores, " + StorableDates.RANGE);
                }
                return date;
            } catch (DateTimeParseException e) {
                throw error.apply("'" + text + "' is not a Date: expected YYYY-MM-DD, e.g. \"2025-04-22\"");
            }
        }
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
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException(
                    "A DateTime is an ISO-8601 string with offset, e.g. \"2025-04-22T18:00:00Z\"");
        }

        @Override
        public OffsetDateTime parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException(
                    "A DateTime is an ISO-8601 string with offset, e.g. \"2025-04-22T18:00:00Z\"");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static <E extends RuntimeException> OffsetDateTime parse(
                String text, java.util.function.Function<String, E> error) {
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
