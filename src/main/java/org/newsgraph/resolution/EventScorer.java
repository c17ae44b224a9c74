package org.newsgraph.resolution;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores whether an event as a document reports it and a stored event are one real-world event. Outlets share
 * no key and no title, so it weighs what they do share (log-weights, base 2):
 *
 * <ul>
 *   <li>{@code kind}: equal +2; related kinds (talks/meeting/visit; war/invasion; proposal/peace process;
 *       ceasefire/peace process) +0.5; one of them OTHER (not classified) -1.5; otherwise -4.
 *   <li>{@code date}: {@link EventDates}: the same day +4, the same WEEK +2.5, MONTH +2, one period inside the
 *       other +1.5, disjoint or two different days: veto.
 *   <li>{@code participants}: resolved participants in common: one +2, two or more +4; none in common -2 (-3
 *       when both have three or more), but only when both name people, or both name bodies: one outlet listing
 *       the ministers and another the countries is no evidence against.
 *   <li>{@code title}: the word sets of {@link TitleWords} (event-kind words as classes, gazetteer names as their
 *       entry, numbers and ordinals, words the other event states as participant, place, kind or year set
 *       aside), Dice coefficient: >= 0.8 +4, >= 0.6 +2.5, >= 0.5 +1, >= 0.34 0, >= 0.2 -2, below -4; nothing left
 *       to compare 0. Titles in different languages or scripts can only add (a translation shares no words): the
 *       names and codes they share ({@link TitleWords#sharedNames}), two or more +2.5, one +1; a place both
 *       events are located in is counted by {@code location}, not again as a name.
 *       A stored event is compared by its best title: its own or one of its merged reports'.
 *   <li>{@code location}: the same place +1.5 (one name inside the other counts); different -2 (not when the
 *       two are written in different scripts).
 *   <li>{@code parent}: the same resolved parent +2; different parents -2 (a parent the document's article
 *       introduces itself is no evidence either way).
 *   <li>{@code title numbers}: both titles carry numbers and they differ ("round 2", "second round" vs "round
 *       3"): veto. A year that is the other event's year is not counted.
 * </ul>
 */
public final class EventScorer {

    private final TitleWords words;

    public EventScorer(Gazetteer gazetteer) {
        this(gazetteer == Gazetteer.standard() ? TitleWords.standard() : TitleWords.read(gazetteer));
    }

    public EventScorer(TitleWords words) {
        this.words = words;
    }

    /** A title as one outlet wrote it, with the language of its article (null when unknown). */
    public record Title(String text, String language) {}

    /**
     * An event (stored, or as a document reports it with its refs resolved); {@code id} 0 for a mention.
     * {@code participantNames} are the names and aliases of its participants, {@code participantGroups} whether
     * they include people ({@code PERSON}) and bodies ({@code BODY}); {@code otherTitles} the titles of the reports
     * merged into a stored event.
     */
    public record Profile(
            long id,
            String kind,
            String title,
            LocalDate startsOn,
            String startsOnPrecision,
            String location,
            Long parentId,
            Set<Long> participants,
            Set<String> participantNames,
            Set<String> participantGroups,
            String language,
            List<Title> otherTitles,
            Map<Long, Set<String>> roles) {

        /** Without roles: a participant in common counts whatever its roles. */
        public Profile(
                long id,
                String kind,
                String title,
                LocalDate startsOn,
                String startsOnPrecision,
                String location,
                Long parentId,
                Set<Long> participants,
                Set<String> participantNames,
                Set<String> participantGroups,
                String language,
                List<Title> otherTitles) {
            this(
                    id,
                    kind,
                    title,
                    startsOn,
                    startsOnPrecision,
                    location,
                    parentId,
                    participants,
                    participantNames,
                    participantGroups,
                    language,
                    otherTitles,
                    Map.of());
        }

        public Profile(
                long id,
                String kind,
                String title,
                LocalDate startsOn,
                String startsOnPrecision,
                String location,
                Long parentId,
                Set<Long> participants) {
            this(
                    id,
                    kind,
                    title,
                    startsOn,
                    startsOnPrecision,
                    location,
                    parentId,
                    participants,
                    Set.of(),
                    Set.of(),
                    null,
                    List.of());
        }
    }

    /** The participant group of an actor kind: people, or bodies (countries, organizations, ...). */
    public static String group(String actorKind) {
        return "PERSON".equals(actorKind) ? "PERSON" : "BODY";
    }

    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("TALKS", "meeting"),
            Map.entry("MEETING", "meeting"),
            Map.entry("VISIT", "meeting"),
            Map.entry("WAR", "war"),
            Map.entry("INVASION", "war"),
            Map.entry("ANNEXATION", "war"),
            Map.entry("PROPOSAL", "peace"),
            Map.entry("PEACE_PROCESS", "peace"),
            Map.entry("CEASEFIRE", "peace"),
            Map.entry("ANNOUNCEMENT", "statement"),
            Map.entry("STATEMENT", "statement"));

    /** {@link #family} by kind: blocking asks it for every pair a run tests. */
    private static final Map<String, List<String>> FAMILIES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The kinds compared with this one: its family's (talks, meetings and visits; ...), or itself. */
    static List<String> family(String kind) {
        if (kind == null) return familyOf(null);
        return FAMILIES.computeIfAbsent(kind, EventScorer::familyOf);
    }

    /**
     * An event an outlet left unclassified ({@code OTHER}) is compared with events of every kind, and every kind with
     * it: one outlet's "Inspection order" (OTHER) may be another's ANNOUNCEMENT.
     */
    private static List<String> familyOf(String kind) {
        if (UNCLASSIFIED.equals(kind)) {
            var all = new java.util.TreeSet<>(FAMILY.keySet());
            all.add(UNCLASSIFIED);
            return List.copyOf(all);
        }
        var f = FAMILY.get(kind);
        if (f == null) return List.of(kind, UNCLASSIFIED);
        var out = new java.util.TreeSet<String>();
        for (var e : FAMILY.entrySet()) if (e.getValue().equals(f)) out.add(e.getKey());
        out.add(UNCLASSIFIED);
        return List.copyOf(out);
    }

    private static final String UNCLASSIFIED = "OTHER";

    /** The profile prepared for scoring ({@link #score(PreparedEvent, PreparedEvent)}). */
    public PreparedEvent prepare(Profile profile) {
        return PreparedEvent.of(words, profile, null);
    }

    /**
     * The profile prepared for scoring, taking from {@code earlier} (a preparation of the same event, or null)
     * what was computed from inputs that are still equal: the same answer as {@link #prepare(Profile)}.
     */
    public PreparedEvent prepare(Profile profile, PreparedEvent earlier) {
        return PreparedEvent.of(words, profile, earlier);
    }

    public Score score(Profile mention, Profile stored) {
        return score(prepare(mention), prepare(stored));
    }

    /** {@link #score(Profile, Profile)} of prepared profiles. */
    public Score score(PreparedEvent preparedMention, PreparedEvent preparedStored) {
        var mention = preparedMention.profile;
        var stored = preparedStored.profile;
        var b = new Score.Builder();
        if (mention.kind().equals(stored.kind())) b.add("kind", 2, mention.kind());
        else if (FAMILY.containsKey(mention.kind())
                && FAMILY.get(mention.kind()).equals(FAMILY.get(stored.kind())))
            b.add("kind", 0.5, mention.kind() + " ~ " + stored.kind());
        else if (UNCLASSIFIED.equals(mention.kind()) || UNCLASSIFIED.equals(stored.kind()))
            // One outlet did not classify the event: a little less likely the same than an agreeing kind, no more.
            b.add("kind", -1.5, mention.kind() + " / " + stored.kind() + ": one unclassified");
        else b.add("kind", -4, mention.kind() + " vs " + stored.kind());

        EventDates.score(b, mention, stored);
        if (b.vetoed()) return b.build();

        int inCommon = participants(b, mention, stored);
        title(b, preparedMention, preparedStored, inCommon);
        if (b.vetoed()) return b.build();

        if (mention.location() != null && stored.location() != null) {
            if (samePlace(mention.location(), stored.location())) b.add("location", 1.5, mention.location());
            else if (otherLanguage(mention.location(), null, stored.location(), null)
                    || (otherLanguage(mention.location(), mention.language(), stored.location(), stored.language())
                            && alike(mention.location(), stored.location()))) {
                // "Москва" and "Moscow": a place named in another script is not known to be another place, nor one
                // named alike in another language ("Warszawa" and "Warsaw", "Bruselas" and "Brüssel").
            } else b.add("location", -2, mention.location() + " vs " + stored.location());
        }
        if (mention.parentId() != null && stored.parentId() != null) {
            if (mention.parentId().equals(stored.parentId())) b.add("parent", 2, "same parent");
            else b.add("parent", -2, "different parents");
        }
        return b.build();
    }

    /** The roles of those an event is done to or about; every other role acts in it or takes part. */
    private static final Set<String> ACTED_ON = Set.of("TARGET", "SUBJECT");

    /**
     * Whether a participant in common has roles on both sides and none on the same side: one event is its own (it
     * hosts, proposes, attends), the other is done to it (a company's news conference, a regulator's order on it).
     */
    static boolean rolesDisagree(Set<String> a, Set<String> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) return false;
        boolean aOn = false, aBy = false, bOn = false, bBy = false;
        for (var r : a)
            if (ACTED_ON.contains(r)) aOn = true;
            else aBy = true;
        for (var r : b)
            if (ACTED_ON.contains(r)) bOn = true;
            else bBy = true;
        return !(aOn && bOn) && !(aBy && bBy);
    }

    /** The participants feature; returns how many participants in common it counted. */
    private static int participants(Score.Builder b, Profile mention, Profile stored) {
        var common = new HashSet<>(mention.participants());
        common.retainAll(stored.participants());
        int otherRoles = 0;
        for (var id : List.copyOf(common)) {
            if (rolesDisagree(mention.roles().get(id), stored.roles().get(id))) {
                common.remove(id);
                otherRoles++;
            }
        }
        if (common.size() >= 2) {
            b.add("participants", 4, common.size() + " in common");
            return common.size();
        }
        if (common.size() == 1) {
            b.add("participants", 2, "1 in common");
            return 1;
        }
        if (otherRoles > 0) {
            // Neither evidence for (another role) nor against (the same actor).
            b.add("participants", 0, otherRoles + " in common in other roles");
            return 0;
        }
        if (mention.participants().isEmpty() || stored.participants().isEmpty()) return 0;
        // Groups unknown (a caller without them): compare as before, any participants against any.
        boolean comparable = mention.participantGroups().isEmpty()
                || stored.participantGroups().isEmpty()
                || mention.participantGroups().stream().anyMatch(stored.participantGroups()::contains);
        if (!comparable) return 0;
        if (mention.participants().size() >= 3 && stored.participants().size() >= 3)
            b.add("participants", -3, "none in common");
        else b.add("participants", -2, "none in common");
        return 0;
    }

    private static final int NOTHING_LEFT = 0, DICE = 1, OTHER_LANGUAGE = 2, NAMES = 3;

    private void title(Score.Builder b, PreparedEvent preparedMention, PreparedEvent preparedStored, int inCommon) {
        var mention = preparedMention.profile;
        var mentionWords = preparedMention.titleWords.get(0);
        int best = -1;
        double bestWeight = 0;
        double bestDice = 0;
        double bestNames = 0;
        int bestHow = NOTHING_LEFT;
        // A title in the mention's own language decides where it disagrees outright; one in another language can
        // only add (it shares no words but names).
        int bestOwn = -1;
        double bestOwnWeight = 0;
        double bestOwnDice = 0;
        var titles = preparedStored.titles;
        // A place both events state counts by the location feature, not again as a name the titles keep.
        Set<String> place = mention.location() != null
                        && preparedStored.profile.location() != null
                        && samePlace(mention.location(), preparedStored.profile.location())
                ? placeWords(mention.location(), preparedStored.profile.location())
                : new HashSet<String>();
        // A participant in common counted above is not counted again by its name in translated titles.
        if (inCommon > 0) place.addAll(TitleWords.common(preparedMention.context, preparedStored.context));
        for (int t = 0; t < titles.size(); t++) {
            var title = titles.get(t);
            if (title.text() == null) continue;
            var c = TitleWords.compare(
                    mentionWords, preparedStored.titleWords.get(t), preparedMention.context, preparedStored.context);
            var mn = c.leftNumbers();
            var sn = c.rightNumbers();
            if (!mn.isEmpty() && !sn.isEmpty() && !mn.equals(sn)) {
                // "Round 2" and "round 3", "summit 2024" and "summit 2025": numbers in titles tell events apart.
                b.veto("title numbers", mn + " vs " + sn + ": " + title.text());
                return;
            }
            double w;
            int how;
            double dice = 0;
            double names = 0;
            boolean own = !otherLanguage(mention.title(), mention.language(), title.text(), title.language());
            if (!c.comparable()) {
                w = 0;
                how = NOTHING_LEFT;
            } else {
                dice = c.dice();
                w = dice >= 0.8 ? 4 : dice >= 0.6 ? 2.5 : dice >= 0.5 ? 1 : dice >= 0.34 ? 0 : dice >= 0.2 ? -2 : -4;
                how = DICE;
                if (w < 2.5 && !own) {
                    // A translation shares no words but the names and codes it keeps ("Lotus Sky", "A321neo",
                    // "LS512"): those count, the rest says nothing.
                    names = TitleWords.sharedNames(c, place);
                    double byNames = names >= 2 ? 2.5 : names >= 1 ? 1 : 0;
                    if (byNames > w || w < 0) {
                        w = Math.max(byNames, 0);
                        how = names > 0 ? NAMES : OTHER_LANGUAGE;
                    }
                }
            }
            if (best < 0 || w > bestWeight) {
                best = t;
                bestWeight = w;
                bestDice = dice;
                bestHow = how;
                bestNames = names;
            }
            if (own && (bestOwn < 0 || w > bestOwnWeight)) {
                bestOwn = t;
                bestOwnWeight = w;
                bestOwnDice = dice;
            }
        }
        // A cluster reported in several languages: where its titles in the mention's language disagree outright
        // (-4), a translation's 0 does not hide it; a weak disagreement (-2) it may.
        if (bestOwn >= 0 && best >= 0 && bestWeight <= 0 && bestOwnWeight <= -4) {
            best = bestOwn;
            bestWeight = bestOwnWeight;
            bestDice = bestOwnDice;
            bestHow = DICE;
        }
        if (best < 0) return;
        // The detail of the kept title only: a pair's other titles are never shown.
        var other = titles.get(best).text();
        var detail = switch (bestHow) {
            case NOTHING_LEFT -> "nothing left to compare: " + mention.title() + " ~ " + other;
            case OTHER_LANGUAGE -> "another language: " + mention.title() + " ~ " + other;
            case NAMES ->
                "another language, " + Score.fixed(bestNames, 1) + " names in common: " + mention.title() + " ~ "
                        + other;
            default -> Score.fixed(bestDice, 2) + ": " + mention.title() + " ~ " + other;
        };
        b.add("title", bestWeight, detail);
    }

    private List<String> words(String title) {
        return words.words(title);
    }

    /** Different scripts, or both languages known and their primary subtags differ ("pt" vs "en"). */
    static boolean otherLanguage(String titleA, String languageA, String titleB, String languageB) {
        var sa = TitleWords.script(titleA);
        var sb = TitleWords.script(titleB);
        if (sa != null && sb != null && !sa.equals(sb)) return true;
        if (languageA == null || languageB == null) return false;
        return !primary(languageA).equals(primary(languageB));
    }

    private static String primary(String language) {
        int dash = language.indexOf('-');
        return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static final org.apache.commons.text.similarity.JaroWinklerSimilarity JARO_WINKLER =
            new org.apache.commons.text.similarity.JaroWinklerSimilarity();

    /** Two place names whose letters are alike (the same place's names in two languages, often). */
    private static boolean alike(String a, String b) {
        var la = NameForms.latin(a).replace(" ", "");
        var lb = NameForms.latin(b).replace(" ", "");
        return !la.isEmpty() && !lb.isEmpty() && JARO_WINKLER.apply(la, lb) >= 0.85;
    }

    private Set<String> placeWords(String a, String b) {
        var out = new HashSet<>(words(a));
        out.addAll(words(b));
        return out;
    }

    private boolean samePlace(String a, String b) {
        var la = NameForms.latin(a);
        var lb = NameForms.latin(b);
        if (!la.isEmpty() && !lb.isEmpty() && (la.contains(lb) || lb.contains(la))) return true;
        // "Hanoi" / "Hà Nội", "Da Nang" / "Danang": the same letters, spaced otherwise.
        var ja = la.replace(" ", "");
        var jb = lb.replace(" ", "");
        if (ja.length() >= 4 && ja.equals(jb)) return true;
        var wa = words(a);
        var wb = words(b);
        return !wa.isEmpty() && !wb.isEmpty() && (wa.containsAll(wb) || wb.containsAll(wa));
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        var common = new HashSet<>(a);
        common.retainAll(b);
        return 2.0 * common.size() / (a.size() + b.size());
    }
}
