package org.newsgraph.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one {@link ArticleDocument} into the news tables: the single write path behind the demo
 * dataset, the {@code ingestArticle} mutation and the bulk import.
 *
 * <p>One transaction per article: on any error nothing is written. Idempotent by article URL: an
 * unchanged document (same content hash) writes nothing; a changed one updates the article and
 * replaces its statements position by position, keeping the IDs of rows that did not change. Actors
 * and events are matched before they are created, and creation is an {@code INSERT ... ON CONFLICT} on
 * a unique key, so parallel ingests that name the same new actor create it once.
 */
@Service
public class IngestService {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public IngestService(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
    }

    /** Validates and writes the document; throws {@link InvalidDocumentException} listing every problem. */
    @Transactional
    public IngestResult ingest(ArticleDocument document) {
        var problems = DocumentValidator.validate(document);
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);

        var hash = contentHash(document);
        var existing = jdbc.sql("select id, content_hash from articles where url = ?")
                .param(document.url())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();

        Map<String, Resolution> actors = new HashMap<>();
        var actorResolutions = new ArrayList<Resolution>();
        for (var actor : document.actors()) {
            var resolution = resolveActor(actor, document.url());
            actors.put(actor.ref(), resolution);
            actorResolutions.add(resolution);
        }
        for (var actor : document.actors()) {
            for (var affiliation : actor.affiliations()) upsertAffiliation(actors.get(actor.ref()).id(), affiliation, actors);
        }
        Map<String, Resolution> events = new HashMap<>();
        var eventResolutions = new ArrayList<Resolution>();
        for (var event : document.events()) {
            var resolution = resolveEvent(event);
            events.put(event.ref(), resolution);
            eventResolutions.add(resolution);
        }
        for (var event : document.events()) linkEvent(event, events, actors);

        if (existing.isPresent() && hash.equals(existing.get()[1])) {
            return new IngestResult((Long) existing.get()[0], Outcome.UNCHANGED, actorResolutions, eventResolutions,
                    document.statements().size());
        }
        long articleId = upsertArticle(document, hash, actors);
        writeContributors(articleId, document, actors);
        writeArticleEvents(articleId, events.values());
        writeStatements(articleId, document, actors, events);
        return new IngestResult(articleId, existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED,
                actorResolutions, eventResolutions, document.statements().size());
    }

    private Resolution resolveActor(ArticleDocument.Actor actor, String articleUrl) {
        Optional<Long> found;
        String nameKey;
        if (actor.kind() == ActorKind.UNNAMED_SOURCE) {
            // An unnamed source is the same source only within one article.
            nameKey = jdbc.sql("select '#' || ? || '#' || newsgraph_name_key(?)").param(articleUrl).param(actor.name())
                    .query(String.class).single();
            found = jdbc.sql("select id from actors where name_key = ?").param(nameKey).query(Long.class).optional();
        } else {
            nameKey = jdbc.sql("select newsgraph_name_key(?)").param(actor.name()).query(String.class).single();
            found = Optional.empty();
            if (actor.wikidataId() != null) {
                found = jdbc.sql("select id from actors where wikidata_id = ?").param(actor.wikidataId()).query(Long.class).optional();
            }
            if (found.isEmpty()) {
                var names = new ArrayList<String>();
                names.add(actor.name());
                names.addAll(actor.aliases());
                // An exact name beats an alias; among aliases the oldest actor wins, so matching is deterministic.
                found = jdbc.sql("""
                        with keys as (select newsgraph_name_key(n) as k from unnest(?::text[]) as n)
                        select id from (
                            select a.id, 0 as rank from actors a where a.name_key = ?
                            union all
                            select a.id, 1 from actors a join keys on a.name_key = keys.k
                            union all
                            select al.actor_id, 2 from actor_aliases al join keys on al.alias_key = keys.k
                        ) candidates join actors using (id)
                        where actors.kind <> 'UNNAMED_SOURCE'
                        order by rank, id limit 1""")
                        .param(names.toArray(String[]::new)).param(nameKey)
                        .query(Long.class).optional();
            }
        }
        Match match;
        long id;
        if (found.isPresent()) {
            id = found.get();
            match = Match.MATCHED;
            jdbc.sql("""
                    update actors set
                        wikidata_id = coalesce(wikidata_id, ?),
                        description = coalesce(description, ?),
                        updated_at = now()
                    where id = ? and ((wikidata_id is null and ?::text is not null) or (description is null and ?::text is not null))
                      and not exists (select 1 from actors other where other.wikidata_id = ? and other.id <> ?)""")
                    .param(actor.wikidataId()).param(actor.description()).param(id)
                    .param(actor.wikidataId()).param(actor.description()).param(actor.wikidataId()).param(id)
                    .update();
        } else {
            var row = jdbc.sql("""
                    insert into actors (kind, name, description, wikidata_id, name_key) values (?, ?, ?, ?, ?)
                    on conflict (name_key) do update set updated_at = actors.updated_at
                    returning id, xmax = 0 as created""")
                    .param(actor.kind().name()).param(actor.name()).param(actor.description())
                    .param(actor.wikidataId()).param(nameKey)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2)}).single();
            id = (Long) row[0];
            match = (Boolean) row[1] ? Match.CREATED : Match.MATCHED;
        }
        var aliases = new LinkedHashSet<>(actor.aliases());
        aliases.add(actor.name());
        jdbc.sql("""
                insert into actor_aliases (actor_id, alias)
                select ?, alias from unnest(?::text[]) as alias
                where newsgraph_name_key(alias) <> (select name_key from actors where id = ?)
                on conflict do nothing""")
                .param(id).param(aliases.toArray(String[]::new)).param(id).update();
        return new Resolution(actor.ref(), id, match);
    }

    private void upsertAffiliation(long actorId, ArticleDocument.Affiliation affiliation, Map<String, Resolution> actors) {
        Long organizationId = affiliation.organization() == null ? null : actors.get(affiliation.organization()).id();
        jdbc.sql("""
                insert into affiliations (actor_id, organization_id, title, valid_from, valid_to) values (?, ?, ?, ?, ?)
                on conflict (actor_id, organization_id, title, valid_from) do update
                    set valid_to = excluded.valid_to, updated_at = now()
                    where affiliations.valid_to is distinct from excluded.valid_to and excluded.valid_to is not null""")
                .param(actorId).param(organizationId).param(affiliation.title())
                .param(affiliation.validFrom()).param(affiliation.validTo())
                .update();
    }

    private Resolution resolveEvent(ArticleDocument.Event event) {
        Optional<Long> found = event.externalKey() != null
                ? jdbc.sql("select id from events where external_key = ?").param(event.externalKey()).query(Long.class).optional()
                : Optional.empty();
        if (found.isEmpty()) {
            found = jdbc.sql("""
                    select id from events where title_key = newsgraph_name_key(?)
                      and coalesce(starts_on, 'infinity'::date) = coalesce(?::date, 'infinity'::date)
                      and (external_key is null or ?::text is null)
                    order by id limit 1""")
                    .param(event.title()).param(event.startsOn()).param(event.externalKey())
                    .query(Long.class).optional();
        }
        if (found.isPresent()) {
            // The latest report wins for what it states; what it leaves out is kept.
            jdbc.sql("""
                    update events set
                        kind = ?, title = ?, status = ?,
                        description = coalesce(?, description),
                        starts_on = coalesce(?, starts_on), starts_on_precision = coalesce(?, starts_on_precision),
                        ends_on = coalesce(?, ends_on), ends_on_precision = coalesce(?, ends_on_precision),
                        location = coalesce(?, location),
                        external_key = coalesce(external_key, ?),
                        updated_at = now()
                    where id = ? and (kind, title, status, description, starts_on, starts_on_precision, ends_on,
                                      ends_on_precision, location, external_key)
                          is distinct from
                          (?, ?, ?, coalesce(?, description), coalesce(?, starts_on), coalesce(?, starts_on_precision),
                           coalesce(?, ends_on), coalesce(?, ends_on_precision), coalesce(?, location),
                           coalesce(external_key, ?))""")
                    .params(eventValues(event, found.get()))
                    .update();
            return new Resolution(event.ref(), found.get(), Match.MATCHED);
        }
        var conflictTarget = event.externalKey() != null
                ? "(external_key)"
                : "(title_key, coalesce(starts_on, 'infinity'::date)) where external_key is null";
        var row = jdbc.sql("""
                insert into events (kind, title, status, description, starts_on, starts_on_precision, ends_on,
                                    ends_on_precision, location, external_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict %s do update set updated_at = events.updated_at
                returning id, xmax = 0 as created""".formatted(conflictTarget))
                .param(event.kind().name()).param(event.title()).param(event.status().name())
                .param(event.description()).param(event.startsOn()).param(name(event.startsOnPrecision()))
                .param(event.endsOn()).param(name(event.endsOnPrecision())).param(event.location())
                .param(event.externalKey())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2)}).single();
        return new Resolution(event.ref(), (Long) row[0], (Boolean) row[1] ? Match.CREATED : Match.MATCHED);
    }

    private static List<Object> eventValues(ArticleDocument.Event e, long id) {
        var values = new ArrayList<Object>();
        var fields = new ArrayList<Object>();
        fields.add(e.kind().name());
        fields.add(e.title());
        fields.add(e.status().name());
        fields.add(e.description());
        fields.add(e.startsOn());
        fields.add(name(e.startsOnPrecision()));
        fields.add(e.endsOn());
        fields.add(name(e.endsOnPrecision()));
        fields.add(e.location());
        fields.add(e.externalKey());
        values.addAll(fields);
        values.add(id);
        values.addAll(fields);
        return values;
    }

    private void linkEvent(ArticleDocument.Event event, Map<String, Resolution> events, Map<String, Resolution> actors) {
        long eventId = events.get(event.ref()).id();
        if (event.parent() != null) {
            jdbc.sql("update events set parent_id = ?, updated_at = now() where id = ? and parent_id is distinct from ?")
                    .param(events.get(event.parent()).id()).param(eventId).param(events.get(event.parent()).id())
                    .update();
        }
        for (var participant : event.participants()) {
            Long represents = participant.represents() == null ? null : actors.get(participant.represents()).id();
            jdbc.sql("""
                    insert into event_participants (event_id, actor_id, role, represents_id, note) values (?, ?, ?, ?, ?)
                    on conflict (event_id, actor_id, role) do update
                        set represents_id = coalesce(excluded.represents_id, event_participants.represents_id),
                            note = coalesce(excluded.note, event_participants.note)
                        where (event_participants.represents_id, event_participants.note) is distinct from
                              (coalesce(excluded.represents_id, event_participants.represents_id),
                               coalesce(excluded.note, event_participants.note))""")
                    .param(eventId).param(actors.get(participant.actor()).id()).param(participant.role().name())
                    .param(represents).param(participant.note())
                    .update();
        }
        for (var relation : event.relations()) {
            jdbc.sql("insert into event_relations (event_id, related_event_id, kind) values (?, ?, ?) on conflict do nothing")
                    .param(eventId).param(events.get(relation.event()).id()).param(relation.kind().name())
                    .update();
        }
    }

    private long upsertArticle(ArticleDocument d, String hash, Map<String, Resolution> actors) {
        Long publisherId = d.publisher() == null ? null : actors.get(d.publisher()).id();
        return jdbc.sql("""
                insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (url) do update set
                    title = excluded.title, publisher_id = excluded.publisher_id, published_at = excluded.published_at,
                    language = excluded.language, summary = excluded.summary, body = excluded.body,
                    content_hash = excluded.content_hash, updated_at = now()
                returning id""")
                .param(d.url()).param(d.title()).param(publisherId)
                .param(d.publishedAt() == null ? null : Timestamp.from(d.publishedAt().toInstant()))
                .param(d.language()).param(d.summary()).param(d.body()).param(hash)
                .query(Long.class).single();
    }

    private void writeContributors(long articleId, ArticleDocument d, Map<String, Resolution> actors) {
        jdbc.sql("delete from article_contributors where article_id = ?").param(articleId).update();
        var ids = new ArrayList<Long>();
        var roles = new ArrayList<String>();
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < d.authors().size(); i++) {
            ids.add(actors.get(d.authors().get(i)).id());
            roles.add("AUTHOR");
            positions.add(i);
        }
        for (int i = 0; i < d.contributors().size(); i++) {
            ids.add(actors.get(d.contributors().get(i)).id());
            roles.add("CONTRIBUTOR");
            positions.add(i);
        }
        jdbc.sql("""
                insert into article_contributors (article_id, actor_id, role, position)
                select ?, * from unnest(?::bigint[], ?::text[], ?::int[]) on conflict do nothing""")
                .param(articleId).param(ids.toArray(Long[]::new)).param(roles.toArray(String[]::new))
                .param(positions.toArray(Integer[]::new))
                .update();
    }

    private void writeArticleEvents(long articleId, java.util.Collection<Resolution> events) {
        jdbc.sql("delete from article_events where article_id = ?").param(articleId).update();
        jdbc.sql("insert into article_events (article_id, event_id) select ?, unnest(?::bigint[]) on conflict do nothing")
                .param(articleId).param(events.stream().map(Resolution::id).distinct().toArray(Long[]::new))
                .update();
    }

    private void writeStatements(long articleId, ArticleDocument d, Map<String, Resolution> actors,
                                 Map<String, Resolution> events) {
        int n = d.statements().size();
        var positions = new Integer[n];
        var speakers = new Long[n];
        var kinds = new String[n];
        var texts = new String[n];
        var cues = new String[n];
        var channels = new String[n];
        var dates = new String[n];
        var precisions = new String[n];
        for (int i = 0; i < n; i++) {
            var s = d.statements().get(i);
            positions[i] = i;
            speakers[i] = actors.get(s.speaker()).id();
            kinds[i] = s.kind().name();
            texts[i] = s.text();
            cues[i] = s.cue();
            channels[i] = s.channel();
            dates[i] = s.saidOn() == null ? null : s.saidOn().toString();
            precisions[i] = name(s.saidOnPrecision());
        }
        // Position identifies a statement within its article: unchanged statements keep their row and ID.
        jdbc.sql("""
                insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                select ?, * from unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[])
                on conflict (article_id, position) do update set
                    speaker_id = excluded.speaker_id, kind = excluded.kind, text = excluded.text, cue = excluded.cue,
                    channel = excluded.channel, said_on = excluded.said_on, said_on_precision = excluded.said_on_precision,
                    updated_at = now()
                where (statements.speaker_id, statements.kind, statements.text, statements.cue, statements.channel,
                       statements.said_on, statements.said_on_precision)
                      is distinct from
                      (excluded.speaker_id, excluded.kind, excluded.text, excluded.cue, excluded.channel,
                       excluded.said_on, excluded.said_on_precision)""")
                .param(articleId).param(positions).param(speakers).param(kinds).param(texts).param(cues)
                .param(channels).param(dates).param(precisions)
                .update();
        jdbc.sql("delete from statements where article_id = ? and position >= ?").param(articleId).param(n).update();
        var ids = jdbc.sql("select id from statements where article_id = ? order by position")
                .param(articleId).query(Long.class).list();

        var relayStatements = new ArrayList<Long>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionStatements = new ArrayList<Long>();
        var mentionActors = new ArrayList<Long>();
        var eventStatements = new ArrayList<Long>();
        var eventIds = new ArrayList<Long>();
        for (int i = 0; i < n; i++) {
            var s = d.statements().get(i);
            for (int r = 0; r < s.relayedVia().size(); r++) {
                relayStatements.add(ids.get(i));
                relayPositions.add(r);
                relayActors.add(actors.get(s.relayedVia().get(r)).id());
            }
            for (var mention : s.mentions()) {
                mentionStatements.add(ids.get(i));
                mentionActors.add(actors.get(mention).id());
            }
            for (var event : s.events()) {
                eventStatements.add(ids.get(i));
                eventIds.add(events.get(event).id());
            }
        }
        var statementIds = ids.toArray(Long[]::new);
        for (var table : List.of("statement_relays", "statement_mentions", "statement_events")) {
            jdbc.sql("delete from " + table + " where statement_id = any(?::bigint[])").param(statementIds).update();
        }
        jdbc.sql("insert into statement_relays (statement_id, position, actor_id) select * from unnest(?::bigint[], ?::int[], ?::bigint[])")
                .param(relayStatements.toArray(Long[]::new)).param(relayPositions.toArray(Integer[]::new))
                .param(relayActors.toArray(Long[]::new)).update();
        jdbc.sql("insert into statement_mentions (statement_id, actor_id) select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing")
                .param(mentionStatements.toArray(Long[]::new)).param(mentionActors.toArray(Long[]::new)).update();
        jdbc.sql("insert into statement_events (statement_id, event_id) select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing")
                .param(eventStatements.toArray(Long[]::new)).param(eventIds.toArray(Long[]::new)).update();
    }

    private String contentHash(ArticleDocument document) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
