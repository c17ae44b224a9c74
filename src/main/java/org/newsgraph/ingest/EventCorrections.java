package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventStatus;
import org.newsgraph.live.ChangeOutbox;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code updateEvent} edit: correct an event by hand (kind, title, description, status, dates with their
 * precision, location, external key). One transaction.
 */
@Service
public class EventCorrections {

    private final JdbcClient jdbc;
    private final ChangeOutbox changes;

    public EventCorrections(JdbcClient jdbc, ChangeOutbox changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** Corrections to an event; null fields are left as they are. */
    public record EventInput(
            long id,
            EventKind kind,
            String title,
            String description,
            EventStatus status,
            LocalDate startsOn,
            DatePrecision startsOnPrecision,
            LocalDate endsOn,
            DatePrecision endsOnPrecision,
            String location,
            String externalKey) {}

    /** @return whether anything changed */
    @Transactional
    public boolean updateEvent(EventInput input) {
        var problems = new ArrayList<IngestProblem>();
        DocumentValidator.checkText(problems, "title", input.title(), DocumentValidator.MAX_NAME);
        DocumentValidator.checkText(problems, "description", input.description(), DocumentValidator.MAX_TEXT);
        // A time of day comes with the article that reports it (startsAt/endsAt of the document format).
        if (input.startsOnPrecision() == DatePrecision.HOUR)
            problems.add(
                    new IngestProblem("startsOnPrecision", "INVALID", "HOUR needs a time: ingest it with startsAt"));
        if (input.endsOnPrecision() == DatePrecision.HOUR)
            problems.add(new IngestProblem("endsOnPrecision", "INVALID", "HOUR needs a time: ingest it with endsAt"));
        DocumentValidator.checkText(problems, "location", input.location(), DocumentValidator.MAX_NAME);
        DocumentValidator.checkText(problems, "externalKey", input.externalKey(), DocumentValidator.MAX_NAME);
        if (input.startsOn() != null && input.startsOnPrecision() == null)
            problems.add(new IngestProblem(
                    "startsOnPrecision", "REQUIRED", "a date needs its precision (DAY, WEEK, MONTH or YEAR)"));
        if (input.endsOn() != null && input.endsOnPrecision() == null)
            problems.add(new IngestProblem(
                    "endsOnPrecision", "REQUIRED", "a date needs its precision (DAY, WEEK, MONTH or YEAR)"));
        if (input.startsOn() == null && input.startsOnPrecision() != null)
            problems.add(new IngestProblem("startsOn", "REQUIRED", "a precision was given without a date"));
        if (input.endsOn() == null && input.endsOnPrecision() != null)
            problems.add(new IngestProblem("endsOn", "REQUIRED", "a precision was given without a date"));
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
        var current = jdbc.sql("select starts_on, ends_on from events where id = ? for update")
                .param(input.id())
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .optional()
                .orElseThrow(() -> InvalidDocumentException.of("id", ErrorCode.NOT_FOUND, "no event has this ID"));
        var startsOn = input.startsOn() != null ? input.startsOn() : current[0];
        var endsOn = input.endsOn() != null ? input.endsOn() : current[1];
        if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
            throw InvalidDocumentException.of("endsOn", "INVALID", "endsOn is before startsOn");
        }
        try {
            boolean changed = jdbc.sql("""
                    update events set
                        kind = coalesce(?, kind), title = coalesce(?, title), description = coalesce(?, description),
                        status = coalesce(?, status),
                        starts_on = coalesce(?, starts_on), starts_on_precision = coalesce(?, starts_on_precision),
                        ends_on = coalesce(?, ends_on), ends_on_precision = coalesce(?, ends_on_precision),
                        location = coalesce(?, location), external_key = coalesce(?, external_key),
                        updated_at = now()
                    where id = ? and (kind, title, description, status, starts_on, starts_on_precision, ends_on,
                                      ends_on_precision, location, external_key)
                          is distinct from
                          (coalesce(?, kind), coalesce(?, title), coalesce(?, description), coalesce(?, status),
                           coalesce(?, starts_on), coalesce(?, starts_on_precision), coalesce(?, ends_on),
                           coalesce(?, ends_on_precision), coalesce(?, location), coalesce(?, external_key))""").params(eventParams(input)).update() > 0;
            if (changed) changes.eventChanged(input.id());
            return changed;
        } catch (DataIntegrityViolationException e) {
            var message = e.getMostSpecificCause().getMessage();
            if (message != null && message.contains("external_key")) {
                throw InvalidDocumentException.of("externalKey", "TAKEN", "another event has this external key");
            }
            throw InvalidDocumentException.of(
                    "title",
                    "TAKEN",
                    "another event without external key has this title and start date; give one an external key");
        }
    }

    private static List<Object> eventParams(EventInput e) {
        var fields = new ArrayList<Object>();
        fields.add(name(e.kind()));
        fields.add(e.title());
        fields.add(e.description());
        fields.add(name(e.status()));
        fields.add(e.startsOn());
        fields.add(name(e.startsOnPrecision()));
        fields.add(e.endsOn());
        fields.add(name(e.endsOnPrecision()));
        fields.add(e.location());
        fields.add(e.externalKey());
        var values = new ArrayList<Object>(fields);
        values.add(e.id());
        values.addAll(fields);
        return values;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
