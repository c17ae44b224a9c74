package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.newsgraph.actor.ActorKind;
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
 * Edits that an editor makes by hand, next to ingesting articles: merge two actors that are one,
 * create or correct an actor, correct an event, delete an article. Each is one transaction.
 */
@Service
public class CurationService {

    private static final Pattern WIKIDATA = Pattern.compile("^Q[0-9]+$");

    private final JdbcClient jdbc;
    private final ChangeOutbox changes;

    public CurationService(JdbcClient jdbc, ChangeOutbox changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /**
     * Folds actor {@code merge} into actor {@code keep}: every statement, relay, mention, participation,
     * affiliation, authorship and publication of {@code merge} now points at {@code keep}; the merged
     * actor's name and aliases become aliases of {@code keep}; a Wikidata ID or description that
     * {@code keep} lacks is taken over. Where both were already linked to the same thing (both took part
     * in one event in the same role), the one row of {@code keep} stays, completed from the other.
     * Then {@code merge} is deleted.
     */
    @Transactional
    public long mergeActors(long keep, long merge) {
        if (keep == merge)
            throw InvalidDocumentException.of("merge", ErrorCode.SAME_ACTOR, "an actor cannot be merged into itself");
        // Lock both rows, in ID order, so that two merges (or a merge and an ingest) cannot interleave.
        var locked = jdbc.sql("select id from actors where id in (?, ?) order by id for update")
                .param(keep)
                .param(merge)
                .query(Long.class)
                .list();
        if (!locked.contains(keep))
            throw InvalidDocumentException.of("keep", ErrorCode.NOT_FOUND, "no actor has this ID");
        if (!locked.contains(merge))
            throw InvalidDocumentException.of("merge", ErrorCode.NOT_FOUND, "no actor has this ID");

        // Names first: the merged name and aliases become aliases of the kept actor.
        jdbc.sql("""
                insert into actor_aliases (actor_id, alias)
                select ?, n.alias from (
                    select name as alias from actors where id = ? and kind <> 'UNNAMED_SOURCE'
                    union all
                    select alias from actor_aliases where actor_id = ?) n
                where newsgraph_name_key(n.alias) <> (select name_key from actors where id = ?)
                  and newsgraph_name_key(n.alias) <> ''
                on conflict do nothing""").param(keep).param(merge).param(merge).param(keep).update();

        // Rows that would collide with a row of the kept actor complete that row and go; the rest move.
        jdbc.sql("""
                update event_participants k set
                    represents_id = coalesce(k.represents_id, m.represents_id), note = coalesce(k.note, m.note)
                from event_participants m
                where k.actor_id = ? and m.actor_id = ? and k.event_id = m.event_id and k.role = m.role""").param(keep).param(merge).update();
        jdbc.sql("""
                delete from event_participants m using event_participants k
                where m.actor_id = ? and k.actor_id = ? and k.event_id = m.event_id and k.role = m.role""").param(merge).param(keep).update();
        jdbc.sql("update event_participants set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update event_participants set represents_id = ? where represents_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("""
                update affiliations k set valid_to = coalesce(k.valid_to, m.valid_to), updated_at = now()
                from affiliations m
                where k.actor_id = ? and m.actor_id = ?
                  and k.organization_id is not distinct from m.organization_id and k.title = m.title
                  and k.valid_from is not distinct from m.valid_from and k.valid_to is null and m.valid_to is not null""").param(keep).param(merge).update();
        jdbc.sql("""
                delete from affiliations m using affiliations k
                where m.actor_id = ? and k.actor_id = ?
                  and k.organization_id is not distinct from m.organization_id and k.title = m.title
                  and k.valid_from is not distinct from m.valid_from""").param(merge).param(keep).update();
        jdbc.sql("update affiliations set actor_id = ?, updated_at = now() where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                delete from affiliations m using affiliations k
                where m.organization_id = ? and k.organization_id = ?
                  and k.actor_id = m.actor_id and k.title = m.title and k.valid_from is not distinct from m.valid_from""").param(merge).param(keep).update();
        jdbc.sql("update affiliations set organization_id = ?, updated_at = now() where organization_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("""
                delete from article_contributors m using article_contributors k
                where m.actor_id = ? and k.actor_id = ? and k.article_id = m.article_id and k.role = m.role""").param(merge).param(keep).update();
        jdbc.sql("update article_contributors set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update articles set publisher_id = ?, updated_at = now() where publisher_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("update statements set speaker_id = ?, updated_at = now() where speaker_id = ?")
                .param(keep)
                .param(merge)
                .update();
        // Further speakers and addressees (migration what_news_reports_say); a statement the kept actor already speaks
        // keeps it once.
        jdbc.sql("""
                delete from statement_speakers m using statement_speakers k
                where m.actor_id = ? and k.actor_id = ? and k.statement_id = m.statement_id""").param(merge).param(keep).update();
        jdbc.sql("update statement_speakers set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql(
                        "delete from statement_speakers ss using statements s where s.id = ss.statement_id and ss.actor_id = s.speaker_id")
                .update();
        jdbc.sql("update statements set addressee_id = ? where addressee_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update statement_relays set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                delete from statement_mentions m using statement_mentions k
                where m.actor_id = ? and k.actor_id = ? and k.statement_id = m.statement_id""").param(merge).param(keep).update();
        jdbc.sql("update statement_mentions set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();

        // The resolution engine's decisions and candidate keys follow the kept actor.
        jdbc.sql("update resolution_decisions set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update resolution_decisions set other_actor_id = ? where other_actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                insert into actor_match_keys (key, actor_id)
                select key, ? from actor_match_keys where actor_id = ? on conflict do nothing""").param(keep).param(merge).update();

        // The Wikidata ID is unique: free it on the merged actor before the kept one takes it.
        var taken = jdbc.sql("select wikidata_id, description from actors where id = ?")
                .param(merge)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        jdbc.sql("delete from actors where id = ?").param(merge).update();
        changes.actorMerged(merge, keep);
        jdbc.sql("""
                update actors set wikidata_id = coalesce(wikidata_id, ?), description = coalesce(description, ?),
                                  updated_at = now()
                where id = ?""").param(taken[0]).param(taken[1]).param(keep).update();
        return keep;
    }

    /** Deletes an article with its statements (and their relays, mentions, event links); actors and events stay. */
    /**
     * Folds event {@code merge} into event {@code keep} (the same real-world event, reported twice): its
     * statements, article reports, participants (completing the kept rows where both have one), relations and
     * sub-events move to {@code keep}; a description, location or external key {@code keep} lacks is taken
     * over. Then {@code merge} is deleted.
     */
    @Transactional
    public long mergeEvents(long keep, long merge) {
        if (keep == merge)
            throw InvalidDocumentException.of("merge", ErrorCode.INVALID, "an event cannot be merged into itself");
        var locked = jdbc.sql("select id from events where id in (?, ?) order by id for update")
                .param(keep)
                .param(merge)
                .query(Long.class)
                .list();
        if (!locked.contains(keep))
            throw InvalidDocumentException.of("keep", ErrorCode.NOT_FOUND, "no event has this ID");
        if (!locked.contains(merge))
            throw InvalidDocumentException.of("merge", ErrorCode.NOT_FOUND, "no event has this ID");
        for (var sql : List.of(
                """
                delete from statement_events m using statement_events k
                where m.event_id = :merge and k.event_id = :keep and k.statement_id = m.statement_id""",
                "update statement_events set event_id = :keep where event_id = :merge",
                """
                delete from article_events m using article_events k
                where m.event_id = :merge and k.event_id = :keep and k.article_id = m.article_id""",
                "update article_events set event_id = :keep where event_id = :merge",
                """
                update event_participants k set
                    represents_id = coalesce(k.represents_id, m.represents_id), note = coalesce(k.note, m.note)
                from event_participants m
                where k.event_id = :keep and m.event_id = :merge and k.actor_id = m.actor_id and k.role = m.role""",
                """
                delete from event_participants m using event_participants k
                where m.event_id = :merge and k.event_id = :keep and k.actor_id = m.actor_id and k.role = m.role""",
                "update event_participants set event_id = :keep where event_id = :merge",
                """
                insert into event_relations (event_id, related_event_id, kind)
                select :keep, related_event_id, kind from event_relations
                where event_id = :merge and related_event_id <> :keep on conflict do nothing""",
                """
                insert into event_relations (event_id, related_event_id, kind)
                select event_id, :keep, kind from event_relations
                where related_event_id = :merge and event_id <> :keep on conflict do nothing""",
                "update events set parent_id = :keep, updated_at = now() where parent_id = :merge and id <> :keep",
                "update events set parent_id = null, updated_at = now() where id = :keep and parent_id = :merge",
                "update resolution_decisions set event_id = :keep where event_id = :merge",
                "update resolution_decisions set other_event_id = :keep where other_event_id = :merge")) {
            jdbc.sql(sql).param("keep", keep).param("merge", merge).update();
        }
        var taken = jdbc.sql("select description, location, external_key from events where id = ?")
                .param(merge)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        jdbc.sql("delete from events where id = ?").param(merge).update();
        jdbc.sql("""
                update events set description = coalesce(description, ?), location = coalesce(location, ?),
                                  external_key = coalesce(external_key, ?), updated_at = now()
                where id = ?""")
                .param(taken[0])
                .param(taken[1])
                .param(taken[2])
                .param(keep)
                .update();
        return keep;
    }

    @Transactional
    public boolean deleteArticle(long id) {
        boolean deleted =
                jdbc.sql("delete from articles where id = ?").param(id).update() > 0;
        if (deleted) changes.articleDeleted(id);
        return deleted;
    }

    /**
     * What to set on an actor. With an {@code id}, that actor is corrected; without, the actor is matched
     * like in an ingest (Wikidata ID, then name or alias) and corrected, or created. Null fields are left
     * as they are; aliases are added.
     */
    public record ActorInput(
            Long id, ActorKind kind, String name, List<String> aliases, String description, String wikidataId) {
        public ActorInput {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public record ActorUpsert(long id, IngestResult.Match match, boolean changed) {}

    @Transactional
    public ActorUpsert upsertActor(ActorInput input) {
        var problems = new ArrayList<IngestProblem>();
        if (input.id() == null) {
            if (input.kind() == null) problems.add(new IngestProblem("kind", "REQUIRED", "the actor kind is required"));
            if (input.name() == null) problems.add(new IngestProblem("name", "REQUIRED", "the name is required"));
        }
        if (input.kind() == ActorKind.UNNAMED_SOURCE) {
            problems.add(new IngestProblem("kind", "INVALID", "unnamed sources exist only within their article"));
        }
        text(problems, "name", input.name(), DocumentValidator.MAX_NAME);
        for (int i = 0; i < input.aliases().size(); i++) {
            if (input.aliases().get(i) == null)
                problems.add(new IngestProblem("aliases[" + i + "]", "REQUIRED", "is required"));
            else text(problems, "aliases[" + i + "]", input.aliases().get(i), DocumentValidator.MAX_NAME);
        }
        text(problems, "description", input.description(), DocumentValidator.MAX_TEXT);
        if (input.wikidataId() != null && !WIKIDATA.matcher(input.wikidataId()).matches())
            problems.add(new IngestProblem("wikidataId", "INVALID", "a Wikidata ID looks like Q324546"));
        if (input.name() != null
                && problems.stream().noneMatch(p -> p.path().equals("name"))
                && key(input.name()).isEmpty())
            problems.add(new IngestProblem("name", "INVALID", "a name needs at least one letter or digit"));
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);

        Long id = input.id();
        IngestResult.Match match = IngestResult.Match.MATCHED;
        if (id != null) {
            var kind = jdbc.sql("select kind from actors where id = ? for update")
                    .param(id)
                    .query(String.class)
                    .optional();
            if (kind.isEmpty()) throw InvalidDocumentException.of("id", ErrorCode.NOT_FOUND, "no actor has this ID");
            if (input.kind() == null && "UNNAMED_SOURCE".equals(kind.get()) && input.name() != null) {
                throw InvalidDocumentException.of(
                        "name", "INVALID", "an unnamed source cannot be renamed; merge it instead");
            }
        } else {
            var names = new ArrayList<String>();
            names.add(input.name());
            names.addAll(input.aliases());
            id = jdbc.sql("""
                    with keys as (select newsgraph_name_key(n) as k from unnest(?::text[]) as n)
                    select id from (
                        select a.id, 0 as rank from actors a where a.wikidata_id = ?
                        union all
                        select a.id, 1 from actors a where a.name_key = newsgraph_name_key(?)
                        union all
                        select a.id, 2 from actors a join keys on a.name_key = keys.k
                        union all
                        select al.actor_id, 3 from actor_aliases al join keys on al.alias_key = keys.k
                    ) c join actors using (id)
                    where actors.kind <> 'UNNAMED_SOURCE'
                    order by rank, id limit 1""")
                    .param(names.toArray(String[]::new))
                    .param(input.wikidataId())
                    .param(input.name())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (id == null) {
                id = jdbc.sql("""
                        insert into actors (kind, name, description, wikidata_id, name_key)
                        values (?, ?, ?, ?, newsgraph_name_key(?))
                        on conflict do nothing returning id""")
                        .param(input.kind().name())
                        .param(input.name())
                        .param(input.description())
                        .param(input.wikidataId())
                        .param(input.name())
                        .query(Long.class)
                        .optional()
                        .orElseThrow(() -> InvalidDocumentException.of(
                                "name", ErrorCode.CONFLICT, "a parallel request created this actor; retry"));
                match = IngestResult.Match.CREATED;
            }
        }
        var oldName = jdbc.sql("select name from actors where id = ? and kind <> 'UNNAMED_SOURCE'")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
        int changed;
        try {
            changed = jdbc.sql("""
                    update actors set
                        kind = coalesce(?, kind),
                        name = coalesce(?, name),
                        name_key = case when ?::text is null then name_key else newsgraph_name_key(?) end,
                        description = coalesce(?, description),
                        wikidata_id = coalesce(?, wikidata_id),
                        updated_at = now()
                    where id = ? and (kind, name, description, wikidata_id) is distinct from
                          (coalesce(?, kind), coalesce(?, name), coalesce(?, description), coalesce(?, wikidata_id))""")
                    .param(name(input.kind()))
                    .param(input.name())
                    .param(input.name())
                    .param(input.name())
                    .param(input.description())
                    .param(input.wikidataId())
                    .param(id)
                    .param(name(input.kind()))
                    .param(input.name())
                    .param(input.description())
                    .param(input.wikidataId())
                    .update();
        } catch (DataIntegrityViolationException e) {
            var message = e.getMostSpecificCause().getMessage();
            if (message != null && message.contains("wikidata")) {
                throw InvalidDocumentException.of(
                        "wikidataId", "TAKEN", "another actor has this Wikidata ID; merge the two instead");
            }
            throw InvalidDocumentException.of("name", "TAKEN", "another actor has this name; merge the two instead");
        }
        var aliases = new ArrayList<>(input.aliases());
        if (match == IngestResult.Match.MATCHED && input.name() != null) aliases.add(input.name());
        if (oldName != null) aliases.add(oldName); // a renamed actor is still found by its old name
        int aliasesAdded = jdbc.sql("""
                insert into actor_aliases (actor_id, alias)
                select ?, alias from unnest(?::text[]) as alias
                where newsgraph_name_key(alias) <> (select name_key from actors where id = ?)
                  and newsgraph_name_key(alias) <> ''
                on conflict do nothing""")
                .param(id)
                .param(aliases.toArray(String[]::new))
                .param(id)
                .update();
        // A renamed actor's old alias equal to its new name is redundant now.
        jdbc.sql(
                        "delete from actor_aliases where actor_id = ? and alias_key = (select name_key from actors where id = ?)")
                .param(id)
                .param(id)
                .update();
        var upsert = new ActorUpsert(id, match, match == IngestResult.Match.CREATED || changed > 0 || aliasesAdded > 0);
        if (upsert.changed()) changes.actorUpdated(id);
        return upsert;
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
        text(problems, "title", input.title(), DocumentValidator.MAX_NAME);
        text(problems, "description", input.description(), DocumentValidator.MAX_TEXT);
        // A time of day comes with the article that reports it (startsAt/endsAt of the document format).
        if (input.startsOnPrecision() == DatePrecision.HOUR)
            problems.add(
                    new IngestProblem("startsOnPrecision", "INVALID", "HOUR needs a time: ingest it with startsAt"));
        if (input.endsOnPrecision() == DatePrecision.HOUR)
            problems.add(new IngestProblem("endsOnPrecision", "INVALID", "HOUR needs a time: ingest it with endsAt"));
        text(problems, "location", input.location(), DocumentValidator.MAX_NAME);
        text(problems, "externalKey", input.externalKey(), DocumentValidator.MAX_NAME);
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

    private String key(String name) {
        return jdbc.sql("select newsgraph_name_key(?)")
                .param(name)
                .query(String.class)
                .single();
    }

    private static void text(List<IngestProblem> problems, String path, String value, int max) {
        if (value == null) return;
        if (value.isBlank()) problems.add(new IngestProblem(path, "INVALID", "must not be blank"));
        else if (value.length() > max)
            problems.add(new IngestProblem(path, "TOO_LONG", "at most " + max + " characters"));
        else if (value.indexOf('\0') >= 0)
            problems.add(new IngestProblem(path, "INVALID", "must not contain NUL characters"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
