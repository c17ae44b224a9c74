package org.newsgraph.resolution;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Scores whether a mention of an actor in a document and a stored actor are one real-world actor. The
 * features and their log-weights (base 2, chosen by hand: how much likelier the agreement is among true
 * matches than among non-matches):
 *
 * <ul>
 *   <li>{@code wikidata}: the same ID +12; different IDs: veto.
 *   <li>{@code kind}: equal +1; a person against a non-person: veto; other non-person kinds -1.
 *   <li>{@code gazetteer}: both names denote one gazetteer entry ("Britain", "UK") +10; different entries: veto.
 *   <li>{@code name} for people, the best pair of their names and aliases: equal +9; otherwise surname equal
 *       +5, same skeleton +4.5, similar (Jaro-Winkler of skeletons, Double Metaphone) +2.5, different: veto; given
 *       name equal +4, same skeleton +3.5, phonetically equal +1.5, an initial that fits +1, different -8, missing 0.
 *   <li>{@code name} for organizations: equal +9, same words in another order +6, an acronym of the other +5,
 *       most words shared +2, otherwise -6.
 *   <li>{@code affiliation}: an organization in common +2 (and a title in common +1 more); a title alone +1.
 * </ul>
 *
 * Context (events and actors the document links the mention with) is added by the resolver in a second pass.
 */
public final class ActorScorer {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private final Gazetteer gazetteer;

    public ActorScorer(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** What is known of an actor (stored, or as a document names it); {@code id} 0 for a mention. */
    public record Profile(
            long id, String kind, List<String> names, String wikidataId, Set<Long> organizations, Set<String> titles) {}

    public Score score(Profile mention, Profile stored) {
        return score(mention, stored, true);
    }

    /**
     * As {@link #score(Profile, Profile)}; without {@code fullNames} the two full names are not required to agree
     * (the mention's own name is already a known name or alias of the stored actor).
     */
    public Score score(Profile mention, Profile stored, boolean fullNames) {
        var b = new Score.Builder();
        if (mention.wikidataId() != null && stored.wikidataId() != null) {
            if (mention.wikidataId().equals(stored.wikidataId())) b.add("wikidata", 12, mention.wikidataId());
            else b.veto("wikidata", mention.wikidataId() + " vs " + stored.wikidataId());
        }
        boolean mentionPerson = "PERSON".equals(mention.kind());
        boolean storedPerson = "PERSON".equals(stored.kind());
        if (mentionPerson != storedPerson) {
            b.veto("kind", mention.kind() + " vs " + stored.kind());
            return b.build();
        }
        if (mention.kind().equals(stored.kind())) b.add("kind", 1, mention.kind());
        else b.add("kind", -1, mention.kind() + " vs " + stored.kind());
        if (b.vetoed()) return b.build();
        if (mentionPerson) {
            var mentionName = mention.names().get(0);
            var storedName = stored.names().get(0);
            boolean comparable = NameForms.script(mentionName).equals(NameForms.script(storedName))
                    || (!NameForms.romanizedUnreliably(mentionName) && !NameForms.romanizedUnreliably(storedName));
            var contradiction = fullNames && comparable
                    ? PersonNameScorer.contradiction(
                            PersonNameScorer.withoutTitle(mention.names().get(0), mention.titles()),
                            PersonNameScorer.withoutTitle(stored.names().get(0), stored.titles()))
                    : null;
            if (contradiction == null && fullNames) contradiction = everyFullName(mention, stored);
            if (contradiction != null) {
                b.veto("full name", contradiction);
                return b.build();
            }
            PersonNameScorer.personName(b, mention.names(), mention.titles(), stored.names(), stored.titles());
        } else {
            var m = entry(mention);
            var s = entry(stored);
            if (m != null && s != null) {
                if (m.id().equals(s.id())) b.add("gazetteer", 10, m.id());
                else b.veto("gazetteer", m.id() + " vs " + s.id());
            } else {
                var countries = countries(mention.names().get(0));
                var others = countries(stored.names().get(0));
                if (!countries.isEmpty() && !others.isEmpty() && java.util.Collections.disjoint(countries, others)) {
                    // "Egyptian Foreign Ministry" / "Russian Foreign Ministry", "Kazakh Ministry of Energy" / "Ministry
                    // of Energy of Azerbaijan": the bodies of two countries, whatever aliases they share.
                    b.veto(
                            "countries",
                            mention.names().get(0) + " vs " + stored.names().get(0));
                    return b.build();
                }
                organizationName(b, mention.names(), stored.names());
            }
        }
        if (b.vetoed()) return b.build();
        affiliations(b, mention, stored);
        return b.build();
    }

    /**
     * Why a mention with a full given name cannot be a stored actor whose own name is only a short form ("Y.
     * Varga") but that has full names among its aliases: each of them contradicts the mention ("Yusuf Varga" is not
     * the "Yann Varga" that such a node already became); or null.
     */
    private static String everyFullName(Profile mention, Profile stored) {
        var name = PersonNameScorer.withoutTitle(mention.names().get(0), mention.titles());
        var mp = NameForms.person(name);
        if (!mp.hasGiven() || mp.givenIsInitial()) return null;
        var first =
                NameForms.person(PersonNameScorer.withoutTitle(stored.names().get(0), stored.titles()));
        if (first.hasGiven() && !first.givenIsInitial()) return null; // checked as the full name already
        String against = null;
        for (var n : stored.names()) {
            if (!NameForms.script(n).equals(NameForms.script(name))
                    && (NameForms.romanizedUnreliably(n) || NameForms.romanizedUnreliably(name))) continue;
            var other = PersonNameScorer.withoutTitle(n, stored.titles());
            var sp = NameForms.person(other);
            if (!sp.hasGiven() || sp.givenIsInitial()) continue;
            var c = PersonNameScorer.contradiction(name, other);
            if (c == null) return null;
            if (against == null) against = c + " (a name the actor already has)";
        }
        return against;
    }

    private Gazetteer.Entry entry(Profile p) {
        var byId = gazetteer.byWikidata(p.wikidataId());
        if (byId != null) return byId;
        for (var name : p.names()) {
            var e = gazetteer.denoted(p.kind(), name, null);
            if (e != null) return e;
        }
        return null;
    }

    // ---------------------------------------------------------------- organizations

    private static final Set<String> STOP = Set.of("the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le");

    private void organizationName(Score.Builder b, List<String> mentionNames, List<String> storedNames) {
        double best = -6;
        String detail = "different names";
        for (var m : mentionNames) {
            var mw = words(m);
            var ml = canonicalOrganization(m);
            for (var s : storedNames) {
                var sw = words(s);
                var sl = canonicalOrganization(s);
                double w;
                String d;
                if (ml.equals(sl)) {
                    w = 9;
                    d = "equal";
                } else if (!mw.isEmpty() && mw.equals(sw)) {
                    w = 6;
                    d = "same words";
                } else if (acronym(ml, s) || acronym(sl, m)) {
                    w = 5;
                    d = "acronym";
                } else if (oneLongWordApart(ml, sl)) {
                    w = 5;
                    d = "one letter apart";
                } else if (sameButCountry(mw, sw)) {
                    w = 6;
                    d = "same words, the country named on one side";
                } else {
                    var common = new HashSet<>(mw);
                    common.retainAll(sw);
                    var union = new HashSet<>(mw);
                    union.addAll(sw);
                    double jaccard = union.isEmpty() ? 0 : (double) common.size() / union.size();
                    w = jaccard >= 0.75 ? 2 : -6;
                    d = "words in common " + common.size() + "/" + union.size();
                }
                var full = d + ": " + m + " ~ " + s;
                if (w > best || (w == best && full.compareTo(detail) < 0)) {
                    best = w;
                    detail = full;
                }
            }
        }
        b.add("name", best, detail);
        // Matched by an alias only ("Foreign Ministry", "trade ministry"): the names themselves must not say two
        // different bodies ("Egyptian Foreign Ministry" / "Ministry of Foreign Affairs"; "Ministry of Economy,
        // Trade and Industry" / "Ministry of Trade, Industry and Energy").
        if (best >= 5 && !mentionNames.isEmpty() && !storedNames.isEmpty()) {
            var m = mentionNames.get(0);
            var s = storedNames.get(0);
            var mw = words(m);
            var sw = words(s);
            boolean compatible = canonicalOrganization(m).equals(canonicalOrganization(s))
                    || oneLongWordApart(canonicalOrganization(m), canonicalOrganization(s))
                    || mw.containsAll(sw)
                    || sw.containsAll(mw)
                    || acronym(canonicalOrganization(m), s)
                    || acronym(canonicalOrganization(s), m);
            // Names in two scripts cannot be compared word by word ("国際協力銀行" / "Japan Bank for International
            // Cooperation", both "JBIC").
            if (!compatible && NameForms.script(m).equals(NameForms.script(s)))
                b.add("full names", -4, "different: " + m + " vs " + s);
        }
    }

    /**
     * Two one-word names of eight letters or more, one letter apart: the same name romanized from another script
     * ("КазМунайГаз" -> "kazmunaygaz" / "KazMunayGas").
     */
    static boolean oneLongWordApart(String a, String b) {
        if (a.contains(" ") || b.contains(" ") || Math.min(a.length(), b.length()) < 8) return false;
        return LEVENSHTEIN.apply(a, b) == 1;
    }

    private static final org.apache.commons.text.similarity.LevenshteinDistance LEVENSHTEIN =
            new org.apache.commons.text.similarity.LevenshteinDistance(2);

    /** One word set is the other plus a country ("Japan's Ministry of Economy" / "Ministry of Economy"). */
    private static boolean sameButCountry(Set<String> a, Set<String> b) {
        var larger = a.size() >= b.size() ? a : b;
        var smaller = larger == a ? b : a;
        if (smaller.size() < 2 || !larger.containsAll(smaller)) return false;
        for (var w : larger) if (!smaller.contains(w) && !w.equals(w.toUpperCase(java.util.Locale.ROOT))) return false;
        return true;
    }

    private static final java.util.regex.Pattern POSSESSIVE = java.util.regex.Pattern.compile(
            "^(?:the\\s+)?(.+?)['\u2019]s\\s+(.+)$", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * An organization's name in one form: "Qurac's Ministry of Defence" = "Ministry of Defence of Qurac", without
     * a leading "the" and a legal form at the end ("Whitfield Maritime Inc." = "Whitfield Maritime").
     */
    static String canonicalOrganization(String name) {
        var cleaned = NameForms.clean(name);
        var m = POSSESSIVE.matcher(cleaned);
        if (m.matches()) cleaned = m.group(2) + " of " + m.group(1);
        var words = new java.util.ArrayList<>(NameForms.tokens(cleaned));
        if (words.size() > 1 && words.get(0).equals("the")) words.remove(0);
        while (words.size() > 1 && NameForms.ORG_FORMS.contains(words.get(words.size() - 1)))
            words.remove(words.size() - 1);
        return String.join(" ", words);
    }

    /** The countries a body's name names, by name or demonym ("Kazakh Ministry of Energy" -> KZ). */
    private Set<String> countries(String name) {
        var out = new HashSet<String>();
        for (var t : NameForms.tokens(name)) {
            var country = gazetteer.byWord(t);
            if (country != null && "COUNTRY".equals(country.kind())) out.add(country.id());
        }
        return out;
    }

    /** The significant words of an organization's name, demonyms folded to their country ("ukrainian" -> ukraine). */
    Set<String> words(String name) {
        var out = new LinkedHashSet<String>();
        for (var t : NameForms.tokens(name)) {
            if (STOP.contains(t) || NameForms.ORG_FORMS.contains(t)) continue;
            var country = gazetteer.byWord(t);
            out.add(country != null && "COUNTRY".equals(country.kind()) ? country.id() : stem(t));
        }
        return out;
    }

    /** Whether a one-word name is the initials of the other name's significant words ("nato"). */
    static boolean acronym(String latin, String other) {
        if (latin.contains(" ") || latin.length() < 2) return false;
        var initials = new StringBuilder();
        for (var t : NameForms.tokens(other)) if (!STOP.contains(t)) initials.append(t.charAt(0));
        return initials.length() >= 2 && initials.toString().equals(latin);
    }

    /** A light English stemmer for matching words: plural and common verb endings off. */
    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 5 && w.endsWith("ing")) return w.substring(0, w.length() - 3);
        if (w.length() > 4 && w.endsWith("ed")) return w.substring(0, w.length() - 2);
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }

    // ---------------------------------------------------------------- affiliations

    private static void affiliations(Score.Builder b, Profile mention, Profile stored) {
        var orgs = new HashSet<>(mention.organizations());
        orgs.retainAll(stored.organizations());
        var titles = new HashSet<String>();
        for (var t : mention.titles()) titles.add(NameForms.latin(t));
        var storedTitles = new HashSet<String>();
        for (var t : stored.titles()) storedTitles.add(NameForms.latin(t));
        titles.retainAll(storedTitles);
        if (!orgs.isEmpty()) b.add("affiliation", titles.isEmpty() ? 2 : 3, "organization in common");
        else if (!titles.isEmpty())
            b.add("affiliation", 1, "title in common: " + titles.iterator().next());
        else if (affiliationsDisagree(mention, stored))
            // Both known by their affiliations, and nothing in common: two namesakes rather than one person (people
            // do change jobs, so this is evidence, not a veto).
            b.add("affiliation", -3, "other organizations and titles");
    }

    /**
     * Whether both are known by affiliations that have nothing in common: no organization, no title word; and the
     * difference means something: a title on each side in one script (a title in another language is no evidence
     * against: "経済産業相" / "Minister of Economy"), or only organizations already resolved on the mention's side
     * (an organization the document introduces may be one of the stored actor's under another name).
     */
    public static boolean affiliationsDisagree(Profile mention, Profile stored) {
        if (mention.organizations().isEmpty() || stored.organizations().isEmpty()) return false;
        for (var o : mention.organizations()) if (stored.organizations().contains(o)) return false;
        if (titlesShared(mention.titles(), stored.titles())) return false;
        boolean resolved = mention.organizations().stream().allMatch(o -> o >= 0);
        return resolved || titlesInOneScript(mention.titles(), stored.titles());
    }

    private static boolean titlesInOneScript(Set<String> a, Set<String> b) {
        for (var x : a) for (var y : b) if (NameForms.script(x).equals(NameForms.script(y))) return true;
        return false;
    }

    /**
     * Whether two sets of titles share a word ("Foreign Minister", "Minister of Foreign Affairs"), or words of one
     * root in two languages ("Minister" / "Ministra", "Energy" / "Enerji": the same first letters, most of them).
     */
    public static boolean titlesShared(Set<String> a, Set<String> b) {
        var words = new HashSet<String>();
        for (var t : a) for (var w : NameForms.tokens(t)) if (!STOP.contains(w)) words.add(stem(w));
        for (var t : b)
            for (var w : NameForms.tokens(t)) {
                if (STOP.contains(w)) continue;
                var stem = stem(w);
                if (words.contains(stem)) return true;
                for (var other : words) if (oneRoot(stem, other)) return true;
            }
        return false;
    }

    /** A common prefix of four letters or more that is at least 60 % of the shorter word. */
    private static boolean oneRoot(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        if (shorter < 5) return false;
        int common = 0;
        while (common < shorter && a.charAt(common) == b.charAt(common)) common++;
        return common >= 4 && common >= 0.6 * shorter;
    }

    /**
     * Whether a scored pair of people agrees only on a name form many people share: an initial or no given name
     * ("H. Marino", "Marino"), or half of a double surname ({@link ActorChoice} weighs how many stored actors fit).
     */
    public static boolean weak(Score score) {
        for (var f : score.features()) {
            if (f.name().equals("given name")
                    && (f.detail().equals("initial") || f.detail().equals("missing"))) return true;
            if (f.name().equals("surname") && f.detail().startsWith("partial")) return true;
        }
        return false;
    }

    /** Whether a person's name is only a shared form: an initial or no given name ("H. Marino", "Marino"). */
    public static boolean weakName(String kind, String name) {
        if (!"PERSON".equals(kind)) return false;
        var p = NameForms.person(name);
        return !p.hasGiven() || p.givenIsInitial();
    }

    // ---------------------------------------------------------------- blocking

    /**
     * The keys under which an actor is looked for as a candidate: for people, the first four letters of the
     * surname's skeleton and its Double Metaphone code; for others, the gazetteer entry, the set of significant
     * words and the acronym. Pairs that share no key are not scored.
     */
    public Set<String> blockingKeys(String kind, String name) {
        var keys = new LinkedHashSet<String>();
        if ("UNNAMED_SOURCE".equals(kind)) return keys;
        if ("PERSON".equals(kind)) {
            var p = NameForms.person(name);
            if (p.surname().isEmpty()) return keys;
            var skeleton = NameForms.skeleton(p.surname());
            keys.add("p:" + skeleton.substring(0, Math.min(4, skeleton.length())));
            // The surname's consonants, for a name written in Arabic script or kana on one side only.
            var script = ConsonantKeys.script(name);
            if (script == ConsonantKeys.Script.OTHER) {
                var c = ConsonantKeys.blockingKey(p.surname(), script);
                if (c != null) keys.add("c:" + c);
            } else {
                var words = NameForms.clean(name).split("[\\s\u30FB\u00B7\\-]+");
                var scope = script == ConsonantKeys.Script.KANA ? List.of(words) : List.of(words[words.length - 1]);
                for (var w : scope) {
                    var c = ConsonantKeys.blockingKey(w, script);
                    if (c != null) keys.add("c:" + c);
                }
            }
            var code = METAPHONE.doubleMetaphone(p.surname());
            if (code != null && !code.isEmpty()) keys.add("m:" + code);
            // Either order of given name and surname ("Zhang Wenhua", "Wenhua Zhang", "张文华").
            if (p.hasGiven() && !p.givenIsInitial()) {
                var pair = new java.util.TreeSet<>(List.of(NameForms.skeleton(p.given()), skeleton));
                keys.add("f:" + String.join(" ", pair));
            }
            // A middle name may be the surname another outlet uses (the first of two Spanish surnames).
            for (var middle : p.middle()) {
                if (middle.length() < 3) continue;
                var m = NameForms.skeleton(middle);
                keys.add("p:" + m.substring(0, Math.min(4, m.length())));
            }
            return keys;
        }
        var entry = gazetteer.denoted(kind, name, null);
        if (entry != null) keys.add("g:" + entry.id());
        var words = new java.util.TreeSet<String>();
        for (var w : words(name)) words.add(NameForms.skeleton(w));
        if (!words.isEmpty()) keys.add("o:" + String.join(" ", words));
        var latin = NameForms.latin(name);
        if (!latin.contains(" ") && !latin.isEmpty()) keys.add("a:" + latin);
        var initials = new StringBuilder();
        for (var t : NameForms.tokens(name)) if (!STOP.contains(t)) initials.append(t.charAt(0));
        if (initials.length() >= 2) keys.add("a:" + initials);
        return keys;
    }
}
