package org.newsgraph.corpus;

import java.io.BufferedWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.ingest.ArticleDocument;
import org.newsgraph.statement.StatementKind;

/**
 * The corpus written the way many outlets would write it ({@code generate --variants}): every publisher has
 * one of {@value #STYLES} house styles for names ("Last, First", initials, transliterated, titled, upper
 * case), event titles and date precision (a DAY date given as its WEEK or MONTH), Wikidata IDs kept by only
 * some, no event {@code externalKey} anywhere, document refs of its own. A share of the articles gets a
 * follow-up by another outlet that reports some of the same statements again (same speaker, the same words
 * with other quotation marks and case, or a quotation cut out of them): those reports are one utterance.
 * Beside the documents it writes the truth (NDJSON, {@code org.newsgraph.evaluation.GroundTruth}): the
 * generated actor, event and statement each mention stands for.
 */
public final class VariantCorpusWriter {

    static final int STYLES = 6;
    /** One article in this many gets a follow-up by another outlet. */
    static final int FOLLOW_UP_ONE_IN = 3;

    private final NdjsonCorpusWriter base = new NdjsonCorpusWriter();

    /** What was written. */
    public record Written(long articles, long statements) {}

    public Written write(CorpusGenerator corpus, BufferedWriter documents, BufferedWriter truth) {
        long[] counts = new long[2];
        var publishers = corpus.actors().stream()
                .filter(a -> a.kind() == ActorKind.MEDIA_OUTLET || a.kind() == ActorKind.NEWS_AGENCY)
                .map(CorpusGenerator.Actor::id)
                .toList();
        corpus.articles(article -> {
            var random = new SplittableRandom(corpus.spec().seed() * 7_919L + article.id());
            var document = base.document(corpus, article);
            var statementIds = article.statements().stream()
                    .map(CorpusGenerator.Statement::id)
                    .toList();
            emit(variant(document, style(article.publisherId()), statementIds, documents, truth), counts);
            if (random.nextInt(FOLLOW_UP_ONE_IN) == 0 && publishers.size() > 1) {
                long other;
                do other = publishers.get(random.nextInt(publishers.size()));
                while (other == article.publisherId());
                var followUp = followUp(corpus, document, statementIds, other, random);
                emit(variant(followUp.document(), style(other), followUp.origins(), documents, truth), counts);
            }
        });
        return new Written(counts[0], counts[1]);
    }

    private static void emit(int statements, long[] counts) {
        counts[0]++;
        counts[1] += statements;
    }

    static int style(long publisherId) {
        return (int) (publisherId % STYLES);
    }

    private record FollowUp(ArticleDocument document, List<Long> origins) {}

    /** Another outlet's article a few hours later, reporting one to three of the statements again. */
    private FollowUp followUp(
            CorpusGenerator corpus,
            ArticleDocument d,
            List<Long> statementIds,
            long publisher,
            SplittableRandom random) {
        var chosen = new ArrayList<Integer>();
        for (int i = 0; i < d.statements().size() && chosen.size() < 3; i++) if (random.nextInt(2) == 0) chosen.add(i);
        if (chosen.isEmpty()) chosen.add(random.nextInt(d.statements().size()));
        var statements = new ArrayList<ArticleDocument.Statement>();
        var origins = new ArrayList<Long>();
        for (int i : chosen) {
            var s = d.statements().get(i);
            var retold = retell(s.text(), s.kind(), random);
            statements.add(NdjsonCorpusWriter.statement(
                    s.speaker(),
                    retold.kind(),
                    retold.text(),
                    "said",
                    null,
                    s.saidOn(),
                    s.saidOnPrecision(),
                    List.of(),
                    List.of(),
                    s.events()));
            origins.add(statementIds.get(i));
        }
        // the actors the follow-up names: its publisher, the speakers, the events' participants and what they need
        var needed = new java.util.LinkedHashSet<String>();
        needed.add("a" + publisher);
        statements.forEach(s -> needed.add(s.speaker()));
        var events = d.events().stream()
                .filter(e -> statements.stream().anyMatch(s -> s.events().contains(e.ref())))
                .map(e -> copy(
                        e,
                        e.ref(),
                        e.externalKey(),
                        e.title(),
                        e.startsOn(),
                        e.startsOnPrecision(),
                        null,
                        e.participants(),
                        List.of()))
                .toList();
        for (var e : events)
            for (var p : e.participants()) {
                needed.add(p.actor());
                if (p.represents() != null) needed.add(p.represents());
            }
        var byRef = new LinkedHashMap<String, ArticleDocument.Actor>();
        d.actors().forEach(a -> byRef.put(a.ref(), a));
        if (!byRef.containsKey("a" + publisher)) byRef.put("a" + publisher, base.actor(corpus, publisher));
        for (var ref : List.copyOf(needed))
            for (var f : byRef.get(ref).affiliations()) {
                if (!byRef.containsKey(f.organization()))
                    byRef.put(
                            f.organization(),
                            base.actor(corpus, Long.parseLong(f.organization().substring(1))));
                needed.add(f.organization());
            }
        var actors = needed.stream().map(byRef::get).toList();
        var document = new ArticleDocument(
                d.url() + "/follow-up",
                "Follow-up: " + d.title(),
                "a" + publisher,
                d.publishedAt() == null ? null : d.publishedAt().plusHours(1 + random.nextInt(12)),
                d.publishedAtPrecision(),
                d.language(),
                null,
                null,
                List.of(),
                List.of(),
                actors,
                events,
                statements);
        return new FollowUp(document, origins);
    }

    private record Retold(StatementKind kind, String text) {}

    /** The same words as another outlet renders them: other quotation marks and case, or a cut of them. */
    static Retold retell(String text, StatementKind kind, SplittableRandom random) {
        var words = text.replaceAll("[.,]", "").split(" ");
        int way = random.nextInt(4);
        if (way == 3 && kind != StatementKind.PARAPHRASE && words.length >= 7) {
            var cut = String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length - 2));
            return new Retold(StatementKind.PARTIAL_QUOTE, "It was said that \"" + cut + "\".");
        }
        return switch (way) {
            case 0 -> new Retold(kind, text);
            case 1 -> new Retold(kind, "\u201C" + text + "\u201D");
            default ->
                new Retold(
                        kind,
                        text.toLowerCase(Locale.ROOT).replace(", in ", " in ").replace(".", "!"));
        };
    }

    /** Writes the document in the outlet's style and its truth line; returns its statement count. */
    private int variant(
            ArticleDocument d, int style, List<Long> statementOrigins, BufferedWriter documents, BufferedWriter truth) {
        var refs = new LinkedHashMap<String, String>();
        UnaryOperator<String> ref = r -> r == null ? null : refs.computeIfAbsent(r, k -> localRef(k, style));
        var actors = new ArrayList<ArticleDocument.Actor>();
        var actorTruth = new LinkedHashMap<String, String>();
        for (var a : d.actors()) {
            actors.add(new ArticleDocument.Actor(
                    ref.apply(a.ref()),
                    a.kind(),
                    name(a, style),
                    style == 0 ? a.aliases() : List.of(),
                    a.description(),
                    style == 0 || style == 3 ? a.wikidataId() : null,
                    a.affiliations().stream()
                            .map(f -> new ArticleDocument.Affiliation(
                                    ref.apply(f.organization()), f.title(), f.validFrom(), f.validTo()))
                            .toList()));
            actorTruth.put(ref.apply(a.ref()), a.ref());
        }
        var events = new ArrayList<ArticleDocument.Event>();
        var eventTruth = new LinkedHashMap<String, String>();
        for (var e : d.events()) {
            var start = e.startsOn();
            var precision = e.startsOnPrecision();
            if (precision == DatePrecision.DAY && e.endsOn() == null && style == 2) {
                start = start.with(DayOfWeek.MONDAY);
                precision = DatePrecision.WEEK;
            } else if (precision == DatePrecision.DAY && e.endsOn() == null && style == 5) {
                start = start.withDayOfMonth(1);
                precision = DatePrecision.MONTH;
            }
            events.add(copy(
                    e,
                    ref.apply(e.ref()),
                    null,
                    title(e.title(), style),
                    start,
                    precision,
                    ref.apply(e.parent()),
                    e.participants().stream()
                            .map(p -> new ArticleDocument.Participant(
                                    ref.apply(p.actor()), p.role(), ref.apply(p.represents()), p.note(), p.stance()))
                            .toList(),
                    e.relations().stream()
                            .map(r -> new ArticleDocument.Relation(r.kind(), ref.apply(r.event())))
                            .toList()));
            eventTruth.put(ref.apply(e.ref()), e.ref());
        }
        var statements = new ArrayList<ArticleDocument.Statement>();
        var utterances = new ArrayList<Map<String, String>>();
        for (int i = 0; i < d.statements().size(); i++) {
            var s = d.statements().get(i);
            var saidOn = s.saidOn();
            var precision = s.saidOnPrecision();
            if (saidOn != null && style == 2) {
                saidOn = saidOn.with(DayOfWeek.MONDAY);
                precision = DatePrecision.WEEK;
            }
            statements.add(NdjsonCorpusWriter.statement(
                    ref.apply(s.speaker()),
                    s.kind(),
                    s.text(),
                    s.cue(),
                    s.channel(),
                    saidOn,
                    precision,
                    s.relayedVia().stream().map(ref).toList(),
                    s.mentions().stream().map(ref).toList(),
                    s.events().stream().map(ref).toList()));
            utterances.add(Map.of("utterance", "s" + statementOrigins.get(i)));
        }
        var out = new ArticleDocument(
                d.url(),
                d.title(),
                ref.apply(d.publisher()),
                d.publishedAt(),
                d.publishedAtPrecision(),
                d.language(),
                d.summary(),
                d.body(),
                d.authors().stream().map(ref).toList(),
                d.contributors().stream().map(ref).toList(),
                actors,
                events,
                statements);
        var truthLine = new LinkedHashMap<String, Object>();
        truthLine.put("url", d.url());
        truthLine.put("actors", actorTruth);
        truthLine.put("events", eventTruth);
        truthLine.put("statements", utterances);
        base.writeLine(out, documents);
        base.writeLine(truthLine, truth);
        return statements.size();
    }

    /** The event with the fields a rewrite changes replaced; kind, description, status, end, place, times kept. */
    private static ArticleDocument.Event copy(
            ArticleDocument.Event e,
            String ref,
            String externalKey,
            String title,
            LocalDate startsOn,
            DatePrecision startsOnPrecision,
            String parent,
            List<ArticleDocument.Participant> participants,
            List<ArticleDocument.Relation> relations) {
        return new ArticleDocument.Event(
                ref,
                externalKey,
                e.kind(),
                title,
                e.description(),
                e.status(),
                startsOn,
                startsOnPrecision,
                e.endsOn(),
                e.endsOnPrecision(),
                e.location(),
                parent,
                participants,
                relations,
                e.startsAt(),
                e.endsAt(),
                e.statusHistory());
    }

    /** A ref of the outlet's own: the same actor has another ref in every style. */
    static String localRef(String baseRef, int style) {
        long h = (baseRef.hashCode() * 0x9E3779B97F4A7C15L) ^ (style * 0xC2B2AE3D27D4EB4FL);
        return "x" + Long.toString(h >>> 1, 36);
    }

    /** The actor's name in the outlet's house style. */
    static String name(ArticleDocument.Actor a, int style) {
        var name = a.name();
        if (a.kind() == ActorKind.MINISTRY && (style == 1 || style == 4) && name.contains(" of ")) {
            int last = name.lastIndexOf(" of ");
            return name.substring(last + 4) + "'s " + name.substring(0, last);
        }
        if (a.kind() != ActorKind.PERSON) return style == 5 ? name.toUpperCase(Locale.ROOT) : name;
        var suffix = "";
        var m = java.util.regex.Pattern.compile(" [0-9]+$").matcher(name);
        if (m.find()) {
            suffix = m.group();
            name = name.substring(0, m.start());
        }
        var parts = name.split(" ");
        var first = parts[0];
        var last = parts[parts.length - 1];
        return switch (style) {
            case 1 -> last + ", " + name.substring(0, name.length() - last.length() - 1) + suffix;
            case 2 -> first.charAt(0) + ". " + last + suffix;
            case 3 -> transliterate(first) + " " + transliterate(last) + suffix;
            case 4 ->
                (a.affiliations().isEmpty() ? "Mr. " : a.affiliations().get(0).title() + " ") + name + suffix;
            case 5 -> name.toUpperCase(Locale.ROOT) + suffix;
            default -> name + suffix;
        };
    }

    /** Another romanization: y/i, e/ye, v/w, ks/x, final -ov/-off, -sky/-skiy. */
    static String transliterate(String word) {
        var w = word;
        if (w.endsWith("sky")) w = w.substring(0, w.length() - 1) + "iy";
        else if (w.endsWith("ov")) w = w.substring(0, w.length() - 1) + "ff";
        w = w.replace("ks", "x").replace("v", "w").replace("Y", "I");
        if (w.endsWith("ei")) w = w.substring(0, w.length() - 1) + "y";
        else if (w.endsWith("i")) w = w.substring(0, w.length() - 1) + "y";
        if (w.startsWith("E") && w.length() > 3) w = "Ye" + w.substring(1);
        return w;
    }

    /** The event's title in the outlet's style: the same words ordered otherwise. */
    static String title(String title, int style) {
        var m = java.util.regex.Pattern.compile("^(\\w+) on (.+) in (.+?)( [0-9]+)?$")
                .matcher(title);
        if (!m.matches()) return title;
        String word = m.group(1), topic = m.group(2), city = m.group(3), suffix = m.group(4) == null ? "" : m.group(4);
        return switch (style) {
            case 1 -> city + " " + word.toLowerCase(Locale.ROOT) + " on " + topic + suffix;
            case 2 -> word + " in " + city + " on " + topic + suffix;
            case 3 -> capitalize(topic) + " " + word.toLowerCase(Locale.ROOT) + " (" + city + ")" + suffix;
            case 4 -> word + " about " + topic + ", " + city + suffix;
            default -> title;
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
