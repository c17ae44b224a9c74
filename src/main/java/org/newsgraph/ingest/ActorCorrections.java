package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.live.ChangeOutbox;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code upsertActor} edit: create an actor or correct one by hand (kind, name, aliases, description,
 * Wikidata ID), matched like an ingest matches when no ID is given. One transaction.
 */
@Service
public class ActorCorrections {

    private static final Pattern WIKIDATA = Pattern.compile("^Q[0-9]+$");

    private final JdbcClient jdbc;
    private final ChangeOutbox changes;

    public ActorCorrections(JdbcClient jdbc, ChangeOutbox changes) {
        this.jdbc = jdbc;
        this.changes = changes;
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
        DocumentValidator.checkText(problems, "name", input.name(), DocumentValidator.MAX_NAME);
        for (int i = 0; i < input.aliases().size(); i++) {
            if (input.aliases().get(i) == null)
                problems.add(new IngestProblem("aliases[" + i + "]", "REQUIRED", "is required"));
            else
                DocumentValidator.checkText(
                        problems, "aliases[" + i + "]", input.aliases().get(i), DocumentValidator.MAX_NAME);
        }
        DocumentValidator.checkText(problems, "description", input.description(), DocumentValidator.MAX_TEXT);
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

    private String key(String name) {
        return jdbc.sql("select newsgraph_name_key(?)")
                .param(name)
                .query(String.class)
                .single();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
