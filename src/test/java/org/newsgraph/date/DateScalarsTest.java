package org.newsgraph.date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code Date} and {@code DateTime}: ISO-8601 strings in and out, bad input refused with the expected form. */
class DateScalarsTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @Test
    void dates_roundTripAsIsoStrings_andDateTimesAreWrittenInUtc() {
        var date = DateScalars.DATE.getCoercing();
        assertThat(date.parseValue("2025-04-22", CONTEXT, Locale.ROOT)).isEqualTo(LocalDate.of(2025, 4, 22));
        assertThat(date.serialize(LocalDate.of(2025, 4, 22), CONTEXT, Locale.ROOT))
                .isEqualTo("2025-04-22");
        var dateTime = DateScalars.DATE_TIME.getCoercing();
        var berlin = OffsetDateTime.of(2025, 4, 22, 20, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(dateTime.serialize(berlin, CONTEXT, Locale.ROOT)).isEqualTo("2025-04-22T18:00:00Z");
        assertThat(dateTime.parseLiteral(
                        StringValue.of("2025-04-22T18:00:00Z"),
                        CoercedVariables.emptyVariables(),
                        CONTEXT,
                        Locale.ROOT))
                .isEqualTo(OffsetDateTime.of(2025, 4, 22, 18, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void badInput_isRefusedWithTheExpectedForm() {
        var date = DateScalars.DATE.getCoercing();
        assertThatThrownBy(() -> date.parseValue("22.04.2025", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessage("'22.04.2025' is not a Date: expected YYYY-MM-DD, e.g. \"2025-04-22\"");
        assertThatThrownBy(() -> date.parseLiteral(
                        new IntValue(BigInteger.TEN), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseLiteralException.class)
                .hasMessage("A Date is a string of the form YYYY-MM-DD, e.g. \"2025-04-22\"");
        var dateTime = DateScalars.DATE_TIME.getCoercing();
        assertThatThrownBy(() -> dateTime.parseValue("2025-04-22 18:00", CONTEXT, Locale.ROOT))
                .hasMessage("'2025-04-22 18:00' is not a DateTime: expected ISO-8601 with offset,"
                        + " e.g. \"2025-04-22T18:00:00Z\"");
        assertThatThrownBy(() -> dateTime.serialize("yesterday", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingSerializeException.class)
                .hasMessage("Not a date-time: yesterday");
    }
}
