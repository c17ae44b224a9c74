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
    private final OrganizationNames organizations;

    public ActorScorer(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.organizations = new OrganizationNames(gazetteer);
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
                var countries = organizations.countries(mention.names().get(0));
                var others = organizations.countries(stored.names().get(0));
                if (!countries.isEmpty() && !others.isEmpty() && java.util.Collections.disjoint(countries, others)) {
                    // "Egyptian Foreign Ministry" / "Russian Foreign Ministry", "Kazakh Ministry of Energy" / "Ministry
                    // of Energy of Azerbaijan": the bodies of two countries, whatever aliases they share.
                    b.veto(
                            "countries",
                            mention.names().get(0) + " vs " + stored.names().get(0));
                    return b.build();
                }
                organizations.score(b, mention.names(), stored.names());
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

    /**
     * Whether some title of each side is written in one alphabet: one script, and for Latin letters both with letters
     * beyond ASCII or both without ("Cơ trưởng" and "Captain", "Geschäftsführer" and "Chief executive" are titles in
     * two languages, which say nothing against each other).
     */
    private static boolean titlesInOneScript(Set<String> a, Set<String> b) {
        for (var x : a)
            for (var y : b)
                if (NameForms.script(x).equals(NameForms.script(y))
                        && (!"LATIN".equals(NameForms.script(x)) || ascii(x) == ascii(y))) return true;
        return false;
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }

    /**
     * Whether two sets of titles share a word ("Foreign Minister", "Minister of Foreign Affairs"), or words of one
     * root in two languages ("Minister" / "Ministra", "Energy" / "Enerji": the same first letters, most of them).
     */
    public static boolean titlesShared(Set<String> a, Set<String> b) {
        var words = new HashSet<String>();
        for (var t : a)
            for (var w : NameForms.tokens(t))
                if (!OrganizationNames.STOP.contains(w)) words.add(OrganizationNames.stem(w));
        for (var t : b)
            for (var w : NameForms.tokens(t)) {
                if (OrganizationNames.STOP.contains(w)) continue;
                var stem = OrganizationNames.stem(w);
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

    /**
     * Whether a body is named by an acronym alone ("KFTC", "CMA"): many bodies share one, so an equal name is scored
     * rather than taken (the Korea Fair Trade Commission and the Korea Financial Telecommunications and Clearings
     * Institute are both "KFTC").
     */
    public static boolean acronymOnly(String kind, String name) {
        if ("PERSON".equals(kind) || "COUNTRY".equals(kind)) return false;
        var cleaned = NameForms.clean(name).replace(".", "");
        return cleaned.length() >= 2
                && cleaned.length() <= 6
                && cleaned.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
    }

    /** Whether a person's name is only a shared form: an initial or no given name ("H. Marino", "Marino"). */
    public static boolean weakName(String kind, String name) {
        if (!"PERSON".equals(kind)) return false;
        var p = NameForms.person(name);
        return !p.hasGiven() || p.givenIsInitial();
    }

    // ---------------------------------------------------------------- blocking

    /**
     * The version of the rules of {@link #blockingKeys}: raise it when they change, so that stored keys are computed
     * again (see {@link #keysFingerprint}).
     */
    static final int KEYS_VERSION = 5;

    /**
     * A fingerprint of what the candidate keys depend on: {@link #KEYS_VERSION} and the vocabulary files. Stored keys
     * computed under another fingerprint are stale.
     */
    public static String keysFingerprint() {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(("keys " + KEYS_VERSION).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (var file : List.of("gazetteer.csv", "name-words.csv", "organization-words.csv")) {
                try (var in = ActorScorer.class.getResourceAsStream("/db/reference/" + file)) {
                    if (in == null)
                        throw new IllegalStateException("db/reference/" + file + " is not on the classpath");
                    digest.update(in.readAllBytes());
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

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
            if (script == ConsonantKeys.Script.HANGUL) {
                // A Korean name in Hangul is one word, family name first: the given name's consonants meet those
                // of the romanized name's last word ("박지훈" / "Park Ji-hoon": "jihun" / "jihoon").
                var c = ConsonantKeys.blockingKey(p.given().isEmpty() ? p.surname() : p.given(), script);
                if (c != null) keys.add("c:" + c);
            } else if (script == ConsonantKeys.Script.OTHER) {
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
        for (var w : organizations.words(name)) words.add(NameForms.skeleton(w));
        if (!words.isEmpty()) keys.add("o:" + String.join(" ", words));
        // The concepts of the name's words in any language ("Gericht der Europäischen Union", "欧盟普通法院"), and
        // for a name of three or more, those less one, so that a name with one word more is found too.
        var concepts = new java.util.TreeSet<>(organizations.concepts(name));
        if (concepts.size() >= 2 && concepts.stream().anyMatch(c -> c.startsWith("#"))) {
            keys.add("t:" + String.join(" ", concepts));
            if (concepts.size() >= 3)
                for (var c : concepts) {
                    var less = new java.util.TreeSet<>(concepts);
                    less.remove(c);
                    keys.add("t:" + String.join(" ", less));
                }
        }
        // The same name in katakana or Thai letters ("ロータス・スカイ航空" / "Lotus Sky Airlines").
        var sound = organizations.soundKey(name);
        if (sound != null) keys.add("k:" + sound);
        var latin = NameForms.latin(name);
        if (!latin.contains(" ") && !latin.isEmpty()) keys.add("a:" + latin);
        var initials = new StringBuilder();
        for (var t : NameForms.tokens(name)) if (!OrganizationNames.STOP.contains(t)) initials.append(t.charAt(0));
        if (initials.length() >= 2) keys.add("a:" + initials);
        return keys;
    }
}
