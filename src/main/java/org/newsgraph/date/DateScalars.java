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
                    value -> value instanceof LocalDate date
                            ? date.toString()
                            : value instanceof java.sql.Date date
                                    ? date.toLocalDate().toString()
                                    : null))
            .build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant in ISO-8601 form with offset, e.g. 2025-04-22T18:00:00Z")
            .coercing(new IsoCoercing<>(
                    "DateTime",
                    "date-time",
                    "an ISO-8601 string with offset",
                    "ISO-8601 with offset",
                    "2025-04-22T18:00:00Z",
                    text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    value -> value instanceof OffsetDateTime time
                            ? time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            : value instanceof Instant instant
                                    ? instant.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                    : null))
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
     */
    record IsoCoercing<T>(
            String scalar,
            String what,
            String form,
            String expected,
            String example,
            Function<String, T> parse,
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
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw error.apply(
                        "'" + text + "' is not a " + scalar + ": expected " + expected + ", e.g. \"" + example + "\"");
            }
        }
    }
}
