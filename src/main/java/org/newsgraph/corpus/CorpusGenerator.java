package org.newsgraph.corpus;

import static org.newsgraph.corpus.Vocabulary.pick;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventRelationKind;
import org.newsgraph.event.EventStatus;
import org.newsgraph.event.ParticipantRole;
import org.newsgraph.statement.StatementKind;

/**
 * A deterministic synthetic news corpus: same {@link CorpusSpec}, same rows, ids included. Actors and
 * events are built up front (small); articles with their statements are produced one at a time from a
 * random stream of their own, so the corpus can be streamed to the database and to NDJSON alike.
 * Ids are 1-based and dense: actor {@code i} has id {@code i}, statements are numbered in article order.
 *
 * <p>It is one deterministic random stream, and the order of its draws is the corpus (seed 42 must give the
 * same rows after any change): the draws stay here, in order; {@link SyntheticActors} holds only the naming
 * helpers, each drawing from the stream it is handed.
 */
public final class CorpusGenerator {

    /** Timestamp of the rows that have no date of their own (created_at/updated_at of actors and events). */
    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);
    private static final int DAYS = 6 * 365;

    public record Actor(
            long id,
            ActorKind kind,
            String name,
            String nameKey,
            List<String> aliases,
            String description,
            String wikidataId,
            List<Affiliation> affiliations) {}

    public record Affiliation(
            long id, long actorId, long organizationId, String title, LocalDate validFrom, LocalDate validTo) {}

    public record Event(
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
            Long parentId,
            String externalKey,
            List<Participant> participants,
            List<Relation> relations) {}

    public record Participant(long id, long actorId, ParticipantRole role, Long representsId) {}

    public record Relation(long relatedEventId, EventRelationKind kind) {}

    public record Article(
            long id,
            String url,
            String title,
            long publisherId,
            OffsetDateTime publishedAt,
            String language,
            String summary,
            List<Long> authorIds,
            List<Long> contributorIds,
            List<Long> eventIds,
            List<Statement> statements) {}

    public record Statement(
            long id,
            long speakerId,
            int position,
            StatementKind kind,
            String text,
            String cue,
            String channel,
            LocalDate saidOn,
            List<Long> relayIds,
            List<Long> mentionIds,
            List<Long> eventIds) {}

    private final CorpusSpec spec;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final int[] publishers;
    private final int[] agencies;
    private final int[] journalists;
    private final int[] countries;
    private final Zipf speakers;
    private final Zipf popularEvents;

    public CorpusGenerator(CorpusSpec spec) {
        this.spec = spec;
        var random = new SplittableRandom(spec.seed());
        var kinds = SyntheticActors.kinds(spec.actors());
        var nameKeys = new HashSet<String>();
        var kindsById = new ActorKind[spec.actors() + 1];
        List<Integer> publisherList = new ArrayList<>(),
                agencyList = new ArrayList<>(),
                countryList = new ArrayList<>(),
                personList = new ArrayList<>(),
                organizationList = new ArrayList<>();
        for (int i = 1; i <= spec.actors(); i++) {
            var kind = kinds[i - 1];
            kindsById[i] = kind;
            var name = SyntheticActors.uniqueName(SyntheticActors.name(kind, i, random), nameKeys);
            switch (kind) {
                case MEDIA_OUTLET -> publisherList.add(i);
                case NEWS_AGENCY -> {
                    publisherList.add(i);
                    agencyList.add(i);
                }
                case COUNTRY -> countryList.add(i);
                case PERSON -> personList.add(i);
                case ORGANIZATION, MINISTRY, GOVERNMENT_BODY -> organizationList.add(i);
                default -> {}
            }
            List<String> aliases = kind == ActorKind.PERSON && random.nextInt(10) < 3 && !name.matches(".* [0-9]+$")
                    ? List.of(
                            name.substring(name.lastIndexOf(' ') + 1) + ", " + name.substring(0, name.lastIndexOf(' ')))
                    : List.of();
            String wikidata = random.nextInt(10) < 4 ? "Q" + (100_000 + 7L * i) : null;
            String description = random.nextInt(2) == 0 ? null : SyntheticActors.describe(kind, random);
            actors.add(new Actor(i, kind, name, nameKey(name), aliases, description, wikidata, new ArrayList<>()));
        }
        publishers = ints(publisherList);
        agencies = ints(agencyList);
        countries = ints(countryList);
        int[] persons = ints(personList);
        journalists = java.util.Arrays.copyOf(persons, Math.max(1, persons.length / 20));
        int[] organizations = ints(organizationList);

        long affiliationId = 1;
        for (int p : persons) {
            if (random.nextInt(10) >= 3) continue;
            int n = 1 + random.nextInt(2);
            Set<Integer> orgs = new LinkedHashSet<>();
            for (int k = 0; k < n; k++) orgs.add(organizations[random.nextInt(organizations.length)]);
            for (int org : orgs) {
                LocalDate from = random.nextInt(3) == 0 ? null : day(random.nextInt(DAYS));
                LocalDate to = from != null && random.nextInt(4) == 0 ? from.plusDays(30 + random.nextInt(700)) : null;
                actors.get(p - 1)
                        .affiliations()
                        .add(new Affiliation(affiliationId++, p, org, pick(Vocabulary.TITLES, random), from, to));
            }
        }

        var all = new int[spec.actors()];
        for (int i = 0; i < all.length; i++) all[i] = i + 1;
        speakers = new Zipf(all, 1.0, spec.seed() ^ 0x5EED5L);
        var participantPool = new Zipf(all, 0.9, spec.seed() ^ 0xBEEFL);

        var eventKinds = EventKind.values();
        // The vocabularies as they were when the corpus format was fixed: later values (migration
        // what_news_reports_say) would change what
        // a seed generates.
        var statuses = java.util.Arrays.copyOf(EventStatus.values(), EventStatus.DOWNGRADED.ordinal());
        var roles = java.util.Arrays.copyOf(ParticipantRole.values(), ParticipantRole.SUPPORTER.ordinal());
        var relationKinds = EventRelationKind.values();
        var titleKeys = new HashSet<String>();
        long participantId = 1; // in event order, as COPY assigns them
        for (int i = 1; i <= spec.events(); i++) {
            var kind = eventKinds[random.nextInt(eventKinds.length)];
            var topic = pick(Vocabulary.TOPICS, random);
            var city = pick(Vocabulary.CITIES, random);
            var title = pick(Vocabulary.EVENT_WORDS, random) + " on " + topic + " in " + city;
            LocalDate startsOn = null, endsOn = null;
            DatePrecision startsPrecision = null, endsPrecision = null;
            if (random.nextInt(10) > 0) {
                startsOn = day(random.nextInt(DAYS));
                int p = random.nextInt(10);
                startsPrecision = p < 7
                        ? DatePrecision.DAY
                        : p < 8 ? DatePrecision.WEEK : p < 9 ? DatePrecision.MONTH : DatePrecision.YEAR;
                if (startsPrecision == DatePrecision.MONTH) startsOn = startsOn.withDayOfMonth(1);
                if (startsPrecision == DatePrecision.YEAR) startsOn = startsOn.withDayOfYear(1);
                if (startsPrecision == DatePrecision.DAY && random.nextInt(4) == 0) {
                    endsOn = startsOn.plusDays(1 + random.nextInt(5));
                    endsPrecision = DatePrecision.DAY;
                }
            }
            String externalKey = random.nextInt(10) < 8 ? "synthetic-event-" + i : null;
            if (externalKey == null) {
                // (title, start) identifies events without an external key: keep it unique
                while (!titleKeys.add(nameKey(title) + "|" + startsOn)) title = title + " " + i;
            }
            Long parent = i > 1 && random.nextInt(20) == 0 ? (long) (1 + random.nextInt(i - 1)) : null;
            int n = participantCount(random);
            var participants = new ArrayList<Participant>();
            var chosen = new HashSet<Integer>();
            while (chosen.size() < Math.min(n, spec.actors())) {
                int actor = participantPool.next(random);
                if (!chosen.add(actor)) continue;
                var role = roles[random.nextInt(roles.length)];
                Long represents = role == ParticipantRole.REPRESENTATIVE && countries.length > 0
                        ? (long) countries[random.nextInt(countries.length)]
                        : null;
                participants.add(new Participant(participantId++, actor, role, represents));
            }
            var relations = new ArrayList<Relation>();
            if (i > 1 && random.nextInt(20) == 0) {
                relations.add(
                        new Relation(1 + random.nextInt(i - 1), relationKinds[random.nextInt(relationKinds.length)]));
            }
            String description = random.nextInt(2) == 0
                    ? null
                    : "Delegations discuss " + topic + " in " + city + "; " + pick(Vocabulary.QUALIFIERS, random) + ".";
            events.add(new Event(
                    i,
                    kind,
                    title,
                    description,
                    statuses[random.nextInt(statuses.length)],
                    startsOn,
                    startsPrecision,
                    endsOn,
                    endsPrecision,
                    random.nextInt(3) == 0 ? null : city,
                    parent,
                    externalKey,
                    List.copyOf(participants),
                    List.copyOf(relations)));
        }
        var allEvents = new int[spec.events()];
        for (int i = 0; i < allEvents.length; i++) allEvents[i] = i + 1;
        popularEvents = new Zipf(allEvents, 0.8, spec.seed() ^ 0xE7E7L);
    }

    public CorpusSpec spec() {
        return spec;
    }

    public List<Actor> actors() {
        return actors;
    }

    public List<Event> events() {
        return events;
    }

    public Actor actor(long id) {
        return actors.get((int) id - 1);
    }

    public Event event(long id) {
        return events.get((int) id - 1);
    }

    /** Produces every article in id order; statements are numbered consecutively across articles. */
    public void articles(Consumer<Article> sink) {
        long statementId = 1;
        var kinds = java.util.Arrays.copyOf(StatementKind.values(), StatementKind.REFUSAL.ordinal());
        for (int i = 1; i <= spec.articles(); i++) {
            var random = new SplittableRandom(spec.seed() * 1_000_003L + i);
            var published =
                    FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextLong(DAYS * 86_400L));
            var publishedAt = OffsetDateTime.ofInstant(published, ZoneOffset.UTC);
            long publisher = publishers[random.nextInt(publishers.length)];
            var authors = distinct(
                    random, 1 + random.nextInt(2), () -> (long) journalists[random.nextInt(journalists.length)]);
            List<Long> contributors = random.nextInt(10) == 0
                    ? distinct(random, 1, () -> (long) journalists[random.nextInt(journalists.length)])
                    : List.of();
            if (!contributors.isEmpty() && authors.contains(contributors.get(0))) contributors = List.of();
            int e = random.nextInt(20);
            int eventCount = e < 4 ? 0 : e < 13 ? 1 : e < 18 ? 2 : 3;
            var eventIds = distinct(random, eventCount, () -> (long) popularEvents.next(random));
            var topic = pick(Vocabulary.TOPICS, random);
            int count = 1 + random.nextInt(spec.maxStatementsPerArticle());
            var statements = new ArrayList<Statement>(count);
            for (int position = 0; position < count; position++) {
                long speaker = speakers.next(random);
                var text = pick(Vocabulary.SUBJECTS, random) + " " + pick(Vocabulary.VERBS, random) + " "
                        + (random.nextInt(3) == 0 ? topic : pick(Vocabulary.TOPICS, random)) + " "
                        + pick(Vocabulary.QUALIFIERS, random) + ", in " + pick(Vocabulary.CITIES, random) + ".";
                LocalDate saidOn = random.nextInt(10) == 0
                        ? null
                        : publishedAt.toLocalDate().minusDays(random.nextInt(3));
                List<Long> relays = random.nextInt(10) == 0 && agencies.length > 0
                        ? distinct(
                                random, 1 + random.nextInt(2), () -> (long) agencies[random.nextInt(agencies.length)])
                        : List.of();
                List<Long> mentions = random.nextInt(5) == 0
                        ? distinct(random, 1 + random.nextInt(2), () -> (long) speakers.next(random))
                        : List.of();
                List<Long> cited = eventIds.isEmpty()
                        ? List.of()
                        : distinct(
                                random,
                                random.nextInt(eventIds.size() + 1),
                                () -> eventIds.get(random.nextInt(eventIds.size())));
                statements.add(new Statement(
                        statementId++,
                        speaker,
                        position,
                        kinds[random.nextInt(kinds.length)],
                        text,
                        pick(Vocabulary.CUES, random),
                        random.nextInt(5) == 0 ? pick(Vocabulary.CHANNELS, random) : null,
                        saidOn,
                        relays,
                        mentions,
                        cited));
            }
            var day = publishedAt.toLocalDate();
            var title = actor(statements.get(0).speakerId()).name() + " " + pick(Vocabulary.HEADLINE_VERBS, random)
                    + " " + topic + " ahead of "
                    + pick(Vocabulary.EVENT_WORDS, random).toLowerCase(Locale.ROOT);
            var summary = "Officials comment on " + topic + " " + pick(Vocabulary.QUALIFIERS, random) + " in "
                    + pick(Vocabulary.CITIES, random) + ".";
            sink.accept(new Article(
                    i,
                    "https://news.example/" + day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth()
                            + "/article-" + i,
                    title,
                    publisher,
                    publishedAt,
                    pick(Vocabulary.LANGUAGES, random),
                    summary,
                    authors,
                    contributors,
                    eventIds,
                    statements));
        }
    }

    /** The name key of {@code newsgraph_name_key} for the ASCII names this generator makes. */
    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static int participantCount(SplittableRandom random) {
        // 2..10, most events small
        int n = 2;
        while (n < 10 && random.nextInt(100) < 55) n++;
        return n;
    }

    private static LocalDate day(int offset) {
        return FIRST_DAY.plusDays(offset);
    }

    private static List<Long> distinct(SplittableRandom random, int n, java.util.function.LongSupplier next) {
        var chosen = new LinkedHashSet<Long>();
        for (int attempts = 0; chosen.size() < n && attempts < n * 10; attempts++) chosen.add(next.getAsLong());
        return List.copyOf(chosen);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    static Instant createdInstant() {
        return CREATED.toInstant();
    }
}
