package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.event.EventStatus;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hand edits: merging actors, deleting articles, upserting actors, correcting events. */
@IsolatedIntegrationTest
class CurationServiceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestService ingest;

    @Autowired
    CurationService curation;

    @Autowired
    ActorCorrections actorCorrections;

    @Autowired
    EventCorrections eventCorrections;

    @Autowired
    ArticleDocumentReader reader;

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    long actorId(String name) {
        return count("select id from actors where name = ?", name);
    }

    @Test
    void mergeActors_repointsEverything_keepsTheMergedNameAsAlias_andResolvesCollisions() {
        // Two actors for one person, both with the same role in one event, both mentioned by one statement.
        var result = ingest.ingest(reader.read("""
                {"url": "https://example.org/merge", "title": "Merge", "publisher": "dup",
                 "authors": ["dup"],
                 "actors": [
                   {"ref": "keep", "kind": "PERSON", "name": "Merge Keeper"},
                   {"ref": "dup", "kind": "PERSON", "name": "M. Keeper Duplicate", "aliases": ["MKD"],
                    "wikidataId": "Q987654321", "description": "The same person.",
                    "affiliations": [{"organization": "org", "title": "Chair"}]},
                   {"ref": "org", "kind": "ORGANIZATION", "name": "Merge Org",
                    "affiliations": [{"organization": "dup", "title": "Member"}]},
                   {"ref": "third", "kind": "PERSON", "name": "Merge Third"}
                 ],
                 "events": [{"ref": "e", "kind": "MEETING", "title": "Merge meeting", "status": "HAPPENED",
                   "participants": [{"actor": "keep", "role": "HOST"}, {"actor": "dup", "role": "HOST", "note": "co-host"},
                                    {"actor": "dup", "role": "ATTENDEE"}, {"actor": "third", "role": "REPRESENTATIVE", "represents": "dup"}]}],
                 "statements": [
                   {"speaker": "dup", "kind": "PARAPHRASE", "text": "Said by the duplicate.", "mentions": ["keep", "dup"],
                    "relayedVia": ["dup"]},
                   {"speaker": "keep", "kind": "PARAPHRASE", "text": "Said by the keeper.", "mentions": ["dup"]}
                 ]}"""));
        long keep = actorId("Merge Keeper");
        long dup = actorId("M. Keeper Duplicate");

        assertThat(curation.mergeActors(keep, dup)).isEqualTo(keep);

        assertThat(count("select count(*) from actors where id = ?", dup)).isZero();
        assertThat(count(
                        "select count(*) from statements where article_id = ? and speaker_id = ?",
                        result.articleId(),
                        keep))
                .isEqualTo(2);
        assertThat(count("select count(*) from statement_relays where actor_id = ?", keep))
                .isEqualTo(1);
        assertThat(count("""
                select count(*) from statement_mentions m join statements s on s.id = m.statement_id
                where s.article_id = ? and m.actor_id = ?""", result.articleId(), keep)).isEqualTo(2);
        assertThat(count("select publisher_id from articles where id = ?", result.articleId()))
                .isEqualTo(keep);
        assertThat(count(
                        "select count(*) from article_contributors where article_id = ? and actor_id = ?",
                        result.articleId(),
                        keep))
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                select p.role || coalesce(':' || p.note, '') from event_participants p join events e on e.id = p.event_id
                where e.title = 'Merge meeting' and p.actor_id = ? order by 1""").param(keep).query(String.class).list()).containsExactly("ATTENDEE", "HOST:co-host");
        assertThat(count("select represents_id from event_participants where actor_id = ?", actorId("Merge Third")))
                .isEqualTo(keep);
        assertThat(count("select count(*) from affiliations where actor_id = ? and title = 'Chair'", keep))
                .isEqualTo(1);
        assertThat(count("select count(*) from affiliations where organization_id = ? and title = 'Member'", keep))
                .isEqualTo(1);
        assertThat(jdbc.sql("select alias from actor_aliases where actor_id = ? order by alias")
                        .param(keep)
                        .query(String.class)
                        .list())
                .contains("M. Keeper Duplicate", "MKD");
        assertThat(jdbc.sql("select wikidata_id || '|' || description from actors where id = ?")
                        .param(keep)
                        .query(String.class)
                        .single())
                .isEqualTo("Q987654321|The same person.");

        // The merged name now resolves to the kept actor.
        var again = ingest.ingest(reader.read("""
                {"url": "https://example.org/merge-later", "title": "Later",
                 "actors": [{"ref": "x", "kind": "PERSON", "name": "M KEEPER DUPLICATE"}],
                 "statements": [{"speaker": "x", "kind": "PARAPHRASE", "text": "Later."}]}"""));
        assertThat(again.actors().get(0).id()).isEqualTo(keep);
    }

    @Test
    void mergeActors_rejectsUnknownOrSameActors_andWritesNothing() {
        long zelensky = actorId("Volodymyr Zelensky");
        var before = TableSnapshot.of(jdbc);
        assertThatThrownBy(() -> curation.mergeActors(zelensky, zelensky))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("SAME_ACTOR"));
        assertThatThrownBy(() -> curation.mergeActors(zelensky, 999_999_999L))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("NOT_FOUND"));
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void deleteArticle_removesItsStatements_butActorsAndEventsStay() {
        var result = ingest.ingest(reader.read("""
                {"url": "https://example.org/delete-me", "title": "Delete me",
                 "actors": [{"ref": "p", "kind": "PERSON", "name": "Delete Person"}],
                 "events": [{"ref": "e", "kind": "OTHER", "title": "Delete event", "status": "HAPPENED"}],
                 "statements": [{"speaker": "p", "kind": "PARAPHRASE", "text": "Soon gone.", "events": ["e"], "mentions": ["p"]}]}"""));

        assertThat(curation.deleteArticle(result.articleId())).isTrue();

        assertThat(count("select count(*) from articles where id = ?", result.articleId()))
                .isZero();
        assertThat(count("select count(*) from statements where article_id = ?", result.articleId()))
                .isZero();
        assertThat(count("select count(*) from actors where name = 'Delete Person'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from events where title = 'Delete event'"))
                .isEqualTo(1);
        assertThat(curation.deleteArticle(result.articleId())).isFalse();
    }

    @Test
    void upsertActor_createsMatchesAndCorrects() {
        var created = actorCorrections.upsertActor(new ActorCorrections.ActorInput(
                null, ActorKind.PERSON, "Upsert Person", List.of("U. Person"), "First description.", null));
        assertThat(created.match()).isEqualTo(IngestResult.Match.CREATED);

        var matched = actorCorrections.upsertActor(
                new ActorCorrections.ActorInput(null, ActorKind.PERSON, "U PERSON", List.of(), null, "Q555000111"));
        assertThat(matched.id()).isEqualTo(created.id());
        assertThat(matched.match()).isEqualTo(IngestResult.Match.MATCHED);
        assertThat(matched.changed()).isTrue();

        var before = TableSnapshot.of(jdbc);
        var unchanged = actorCorrections.upsertActor(
                new ActorCorrections.ActorInput(created.id(), null, null, List.of(), null, null));
        assertThat(unchanged.changed()).isFalse();
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);

        var renamed = actorCorrections.upsertActor(new ActorCorrections.ActorInput(
                created.id(), null, "Upsert Person Renamed", List.of(), "Second.", null));
        assertThat(renamed.changed()).isTrue();
        assertThat(jdbc.sql(
                                "select name || '|' || name_key || '|' || description || '|' || wikidata_id from actors where id = ?")
                        .param(created.id())
                        .query(String.class)
                        .single())
                .isEqualTo("Upsert Person Renamed|upsert person renamed|Second.|Q555000111");
        assertThat(count(
                        "select count(*) from actor_aliases where actor_id = ? and alias = 'Upsert Person'",
                        created.id()))
                .isEqualTo(1);

        assertThatThrownBy(() -> actorCorrections.upsertActor(new ActorCorrections.ActorInput(
                        created.id(), null, "Volodymyr Zelensky", List.of(), null, null)))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + " " + p.code())
                                .containsExactly("name TAKEN"));
        assertThatThrownBy(() -> actorCorrections.upsertActor(
                        new ActorCorrections.ActorInput(null, null, " ", List.of(""), null, "nope")))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + " " + p.code())
                                .containsExactlyInAnyOrder(
                                        "kind REQUIRED", "name INVALID", "aliases[0] INVALID", "wikidataId INVALID"));
        assertThatThrownBy(() -> actorCorrections.upsertActor(
                        new ActorCorrections.ActorInput(999_999_999L, null, "X", List.of(), null, null)))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("NOT_FOUND"));
    }

    @Test
    void updateEvent_changesOnlyTheGivenFields() {
        long london = count("select id from events where external_key = '2025-04-23-london-ukraine-talks'");
        var before = jdbc.sql("select title from events where id = ?")
                .param(london)
                .query(String.class)
                .single();

        assertThat(eventCorrections.updateEvent(new EventCorrections.EventInput(
                        london,
                        null,
                        null,
                        null,
                        EventStatus.HAPPENED,
                        null,
                        null,
                        LocalDate.of(2025, 4, 23),
                        DatePrecision.DAY,
                        null,
                        null)))
                .isTrue();

        assertThat(jdbc.sql("select title || '|' || status || '|' || ends_on from events where id = ?")
                        .param(london)
                        .query(String.class)
                        .single())
                .isEqualTo(before + "|HAPPENED|2025-04-23");
        assertThat(eventCorrections.updateEvent(new EventCorrections.EventInput(
                        london, null, null, null, EventStatus.HAPPENED, null, null, null, null, null, null)))
                .isFalse();

        assertThatThrownBy(() -> eventCorrections.updateEvent(new EventCorrections.EventInput(
                        london,
                        null,
                        "",
                        null,
                        null,
                        null,
                        DatePrecision.DAY,
                        LocalDate.of(2025, 1, 1),
                        null,
                        null,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + " " + p.code())
                                .containsExactlyInAnyOrder(
                                        "title INVALID", "startsOn REQUIRED", "endsOnPrecision REQUIRED"));
        assertThatThrownBy(() -> eventCorrections.updateEvent(new EventCorrections.EventInput(
                        london,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        LocalDate.of(2025, 1, 1),
                        DatePrecision.DAY,
                        null,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + " " + p.code())
                                .containsExactly("endsOn INVALID"));
        assertThatThrownBy(() -> eventCorrections.updateEvent(new EventCorrections.EventInput(
                        london, null, null, null, null, null, null, null, null, null, "2025-w17-witkoff-moscow-visit")))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.path() + " " + p.code())
                                .containsExactly("externalKey TAKEN"));
    }
}
