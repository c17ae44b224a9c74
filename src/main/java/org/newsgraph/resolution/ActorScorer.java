package org.newsgraph.resolution;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

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

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
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
            var contradiction = fullNames
                    ? contradiction(mention.names().get(0), stored.names().get(0))
                    : null;
            if (contradiction != null) {
                b.veto("full name", contradiction);
                return b.build();
            }
            personName(b, mention.names(), stored.names());
        } else {
            var m = entry(mention);
            var s = entry(stored);
            if (m != null && s != null) {
                if (m.id().equals(s.id())) b.add("gazetteer", 10, m.id());
                else b.veto("gazetteer", m.id() + " vs " + s.id());
            } else {
                organizationName(b, mention.names(), stored.names());
            }
        }
        if (b.vetoed()) return b.build();
        affiliations(b, mention, stored);
        return b.build();
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

    // ---------------------------------------------------------------- people

    private enum Level {
        EQUAL,
        SKELETON,
        SIMILAR,
        INITIAL,
        MISSING,
        DIFFERENT
    }

    private static void personName(Score.Builder b, List<String> mentionNames, List<String> storedNames) {
        double best = Double.NEGATIVE_INFINITY;
        String bestDetail = null;
        Level bestSurname = null;
        Level bestGiven = null;
        for (var m : mentionNames) {
            var mp = NameForms.person(m);
            if (mp.surname().isEmpty()) continue;
            for (var s : storedNames) {
                var sp = NameForms.person(s);
                if (sp.surname().isEmpty()) continue;
                boolean swapped = mp.hasGiven()
                        && sp.hasGiven()
                        && mp.given().equals(sp.surname())
                        && mp.surname().equals(sp.given());
                if ((mp.equals(sp) || swapped) && mp.hasGiven()) {
                    if (best < 9) {
                        best = 9;
                        bestDetail = m + " = " + s;
                        bestSurname = bestGiven = Level.EQUAL;
                    }
                    continue;
                }
                var surname = compare(mp.surname(), sp.surname(), false);
                var given = !mp.hasGiven() || !sp.hasGiven()
                        ? Level.MISSING
                        : mp.givenIsInitial() || sp.givenIsInitial()
                                ? (mp.given().charAt(0) == sp.given().charAt(0) ? Level.INITIAL : Level.DIFFERENT)
                                : compare(mp.given(), sp.given(), true);
                double w = surnameWeight(surname) + givenWeight(given);
                if (w > best) {
                    best = w;
                    bestDetail = m + " ~ " + s;
                    bestSurname = surname;
                    bestGiven = given;
                }
            }
        }
        if (bestDetail == null || bestSurname == Level.DIFFERENT) {
            b.veto("surname", bestDetail == null ? "no surname" : bestDetail);
            return;
        }
        if (bestSurname == Level.EQUAL && bestGiven == Level.EQUAL && best == 9) {
            b.add("name", 9, bestDetail);
            return;
        }
        b.add("surname", surnameWeight(bestSurname), bestSurname.name().toLowerCase() + ": " + bestDetail);
        b.add("given name", givenWeight(bestGiven), bestGiven.name().toLowerCase());
    }

    /**
     * Why two full names (the names, not the aliases) cannot be one person, or null: different surnames, or
     * different given names ("Sato Kenji" and "Sato Yuki" share one alias "Sato" and are two people). A
     * name given surname first ("Kenji Sato" / "Sato Kenji") is the same name.
     */
    static String contradiction(String a, String b) {
        var pa = NameForms.person(a);
        var pb = NameForms.person(b);
        if (pa.surname().isEmpty() || pb.surname().isEmpty()) return null;
        if (pa.hasGiven()
                && pb.hasGiven()
                && pa.given().equals(pb.surname())
                && pa.surname().equals(pb.given())) return null;
        if (compare(pa.surname(), pb.surname(), false) == Level.DIFFERENT) return "surnames: " + a + " vs " + b;
        if (pa.hasGiven()
                && pb.hasGiven()
                && !pa.givenIsInitial()
                && !pb.givenIsInitial()
                && compare(pa.given(), pb.given(), true) == Level.DIFFERENT) return "given names: " + a + " vs " + b;
        if (pa.hasGiven()
                && pb.hasGiven()
                && pa.given().charAt(0) != pb.given().charAt(0)
                && (pa.givenIsInitial() || pb.givenIsInitial())) return "initials: " + a + " vs " + b;
        return middleNames(a, b);
    }

    /**
     * Different middle names of two names of equal length ("Olena Marchuk Ivanivna" / "Olena Marchenko
     * Ivanivna", "John Fitzgerald Kennedy" / "John Patrick Kennedy"): two people. An initial matches a word
     * with its letter.
     */
    private static String middleNames(String a, String b) {
        var ta = NameForms.latin(a).split(" ");
        var tb = NameForms.latin(b).split(" ");
        if (ta.length < 3 || ta.length != tb.length) return null;
        for (int i = 1; i < ta.length - 1; i++) {
            var x = ta[i].replace(".", "");
            var y = tb[i].replace(".", "");
            if (x.isEmpty() || y.isEmpty()) continue;
            if (x.length() == 1 || y.length() == 1) {
                if (x.charAt(0) != y.charAt(0)) return "middle names: " + a + " vs " + b;
                continue;
            }
            if (compare(x, y, true) == Level.DIFFERENT) return "middle names: " + a + " vs " + b;
        }
        return null;
    }

    private static double surnameWeight(Level level) {
        return switch (level) {
            case EQUAL -> 5;
            case SKELETON -> 4.5;
            case SIMILAR -> 2.5;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    private static double givenWeight(Level level) {
        return switch (level) {
            case EQUAL -> 4;
            case SKELETON -> 3.5;
            case SIMILAR -> 1.5;
            case INITIAL -> 1;
            case MISSING -> 0;
            default -> -8;
        };
    }

    /** Two name words: equal, same skeleton, similar (spelling or sound), or different. */
    static Level compare(String a, String b, boolean given) {
        if (a.equals(b)) return Level.EQUAL;
        var sa = NameForms.skeleton(a);
        var sb = NameForms.skeleton(b);
        if (sa.equals(sb)) return Level.SKELETON;
        if (sa.length() < 3 || sb.length() < 3) return Level.DIFFERENT;
        // Phonetics and spelling distance are for letters: "1100" and "1101" are two names.
        if (!sa.chars().allMatch(Character::isLetter) || !sb.chars().allMatch(Character::isLetter))
            return Level.DIFFERENT;
        double jw = JARO_WINKLER.apply(sa, sb);
        boolean sound = METAPHONE.isDoubleMetaphoneEqual(a, b) || METAPHONE.isDoubleMetaphoneEqual(a, b, true);
        // Given names vary more between languages (Vladimir/Volodymyr): same sound is enough there.
        if (jw >= 0.92 || (sound && (given || jw >= 0.85))) return Level.SIMILAR;
        return Level.DIFFERENT;
    }

    // ---------------------------------------------------------------- organizations

    private static final Set<String> STOP = Set.of("the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le");

    private void organizationName(Score.Builder b, List<String> mentionNames, List<String> storedNames) {
        double best = -6;
        String detail = "different names";
        for (var m : mentionNames) {
            var mw = words(m);
            var ml = NameForms.latin(m);
            for (var s : storedNames) {
                var sw = words(s);
                var sl = NameForms.latin(s);
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
                } else {
                    var common = new HashSet<>(mw);
                    common.retainAll(sw);
                    var union = new HashSet<>(mw);
                    union.addAll(sw);
                    double jaccard = union.isEmpty() ? 0 : (double) common.size() / union.size();
                    w = jaccard >= 0.75 ? 2 : -6;
                    d = "words in common " + common.size() + "/" + union.size();
                }
                if (w > best) {
                    best = w;
                    detail = d + ": " + m + " ~ " + s;
                }
            }
        }
        b.add("name", best, detail);
    }

    /** The significant words of an organization's name, demonyms folded to their country ("ukrainian" -> ukraine). */
    Set<String> words(String name) {
        var out = new LinkedHashSet<String>();
        for (var t : NameForms.tokens(name)) {
            if (STOP.contains(t)) continue;
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
    }

    /** Whether two sets of titles share a word ("Foreign Minister", "Minister of Foreign Affairs"). */
    public static boolean titlesShared(Set<String> a, Set<String> b) {
        var words = new HashSet<String>();
        for (var t : a) for (var w : NameForms.tokens(t)) if (!STOP.contains(w)) words.add(stem(w));
        for (var t : b) for (var w : NameForms.tokens(t)) if (!STOP.contains(w) && words.contains(stem(w))) return true;
        return false;
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
            var code = METAPHONE.doubleMetaphone(p.surname());
            if (code != null && !code.isEmpty()) keys.add("m:" + code);
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
