package org.newsgraph.resolution;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The name features of a pair of bodies (organizations, ministries, countries without a gazetteer entry) for
 * {@link ActorScorer}: equal +9, same words in another order +6, an acronym of the other +5, most words shared
 * +2, otherwise -6; an alias-only match of two differently named bodies -4.
 */
final class OrganizationNames {

    private final Gazetteer gazetteer;

    OrganizationNames(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    static final Set<String> STOP = Set.of("the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le");

    void score(Score.Builder b, List<String> mentionNames, List<String> storedNames) {
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
                } else if (translated(m, s, mw, sw) > 0) {
                    w = translated(m, s, mw, sw);
                    d = w == 7
                            ? "same words in another language"
                            : w == 6
                                    ? "same words in another language, the country named on one side"
                                    : "most words in another language";
                } else if (sameLettersInAnotherScript(m, s)) {
                    w = 7;
                    d = "the same name in another script";
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
                    || acronym(canonicalOrganization(s), m)
                    || translated(m, s, mw, sw) >= 7;
            // Names in two scripts cannot be compared word by word ("国際協力銀行" / "Japan Bank for International
            // Cooperation", both "JBIC"), unless the alias matched by its concepts: then the names' concepts must
            // agree ("وزارت امور خارجه" = "Foreign Ministry", an alias of "Ministry of Foreign Affairs of Azerbaijan").
            boolean byConcepts = detail.contains("in another language");
            if (!compatible && (byConcepts || NameForms.script(m).equals(NameForms.script(s))))
                b.add("full names", -4, "different: " + m + " vs " + s);
        }
    }

    /**
     * The weight of two names whose words, in two languages, are one body's ({@link OrganizationWords}): the same
     * concepts +7 ("Europäische Kommission" / "European Commission"), all but one more word on one side (not a
     * country) +3 ("Tribunal de l'Union
     * européenne" / "General Court of the European Union"); 0 when the concepts say no more than the words do (two
     * names in one language keep their own rules), or when fewer than two concepts, one of them a vocabulary word,
     * are shared.
     */
    double translated(String m, String s, Set<String> mw, Set<String> sw) {
        var cm = concepts(m);
        var cs = concepts(s);
        if (cm.size() < 2 || cs.size() < 2) return 0;
        var common = new HashSet<>(cm);
        common.retainAll(cs);
        var plain = new HashSet<>(mw);
        plain.retainAll(sw);
        if (common.size() < 2 || common.size() <= plain.size()) return 0;
        if (common.stream().noneMatch(c -> c.startsWith("#"))) return 0;
        // Neither name says whose body it is: each outlet names its own country's ("กระทรวงคมนาคม", Thailand's, and
        // "Bộ Giao thông Vận tải", Vietnam's, are both "Ministry of Transport"): a candidate at most.
        if (cm.equals(cs)) return placed(cm) ? 7 : 3;
        // A country on one side only is no evidence across languages: an outlet names its own country's bodies
        // without the country ("وزارت امور خارجه", Iran's, is not "Ministry of Foreign Affairs of Azerbaijan").
        if (sameButCountry(cm, cs)) return 0;
        var larger = cm.size() > cs.size() ? cm : cs;
        var smaller = larger == cm ? cs : cm;
        if (larger.size() == smaller.size() + 1 && larger.containsAll(smaller)) return 3;
        return 0;
    }

    /**
     * A body's own name written in katakana or Thai letters against its Latin letters, with the same vocabulary words
     * around it ("ロータス・スカイ航空" / "Lotus Sky Airlines", "สายการบินโลตัส สกาย" / "Lotus Sky Airlines"): the words that
     * are no vocabulary have the same consonants in the classes those scripts keep apart (see {@link ConsonantKeys}),
     * {@value ConsonantKeys#MIN_CONSONANTS} or more of them; the vocabulary concepts and countries are equal.
     */
    boolean sameLettersInAnotherScript(String a, String b) {
        boolean foreignA = soundWritten(a);
        boolean foreignB = soundWritten(b);
        if (foreignA == foreignB) return false;
        var latin = foreignA ? b : a;
        if (!"LATIN".equals(NameForms.script(latin))) return false;
        var ca = concepts(a);
        var cb = concepts(b);
        var tagsA = new HashSet<String>();
        var tagsB = new HashSet<String>();
        var restA = new StringBuilder();
        var restB = new StringBuilder();
        split(ca, tagsA, restA, foreignA);
        split(cb, tagsB, restB, foreignB);
        if (tagsA.isEmpty() || !tagsA.equals(tagsB)) return false;
        var ka = ConsonantKeys.consonants(restA.toString(), ConsonantKeys.Script.KANA);
        var kb = ConsonantKeys.consonants(restB.toString(), ConsonantKeys.Script.KANA);
        return ka.length() >= ConsonantKeys.MIN_CONSONANTS && ka.equals(kb);
    }

    /**
     * The candidate key of {@link #sameLettersInAnotherScript}: the name's vocabulary concepts and countries, and the
     * consonants of its other words; null when it has no vocabulary word or too few consonants.
     */
    String soundKey(String name) {
        if (!soundWritten(name) && !"LATIN".equals(NameForms.script(name))) return null;
        var tags = new java.util.TreeSet<String>();
        var rest = new StringBuilder();
        split(concepts(name), tags, rest, soundWritten(name));
        var key = ConsonantKeys.consonants(rest.toString(), ConsonantKeys.Script.KANA);
        if (tags.isEmpty() || key.length() < ConsonantKeys.MIN_CONSONANTS) return null;
        return String.join(" ", tags) + " " + key;
    }

    private static void split(Set<String> concepts, Set<String> tags, StringBuilder rest, boolean foreign) {
        for (var c : concepts) {
            if (c.startsWith("#") || placed(Set.of(c))) tags.add(c);
            // Thai letters romanize their vowel carrier "อ" as "x" (no consonant) and aspirated stops as "kh", "ph",
            // "th" ("เคสเตรล" -> "khes terl" for "Kestrel").
            else
                rest.append(
                                foreign
                                        ? c.replace("x", "")
                                                .replace("kh", "k")
                                                .replace("ph", "p")
                                                .replace("th", "t")
                                        : c)
                        .append(' ');
        }
    }

    /** Katakana or Thai: scripts a foreign name is written in by its sounds. */
    private static boolean soundWritten(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            var s = Character.UnicodeScript.of(cp);
            if (s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.THAI) return true;
        }
        return false;
    }

    /** Supranational concepts: a body of the EU, the UN, the world is placed as a country's is. */
    private static final Set<String> PLACES = Set.of("#european", "#international", "#world", "#union");

    /** Whether a name's concepts say whose body it is: a country (a gazetteer ID) or a supranational concept. */
    static boolean placed(Set<String> concepts) {
        for (var c : concepts) {
            if (PLACES.contains(c)) return true;
            if (!c.startsWith("#")
                    && !c.isEmpty()
                    && c.equals(c.toUpperCase(java.util.Locale.ROOT))
                    && c.chars().anyMatch(Character::isLetter)) return true;
        }
        return false;
    }

    private static final com.github.benmanes.caffeine.cache.Cache<String, Set<String>> CONCEPTS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(50_000)
                    .build();

    /** The concepts of a body's name ({@link OrganizationWords}), remembered: names come again and again. */
    Set<String> concepts(String name) {
        return CONCEPTS.get(
                name,
                n -> java.util.Collections.unmodifiableSet(
                        OrganizationWords.standard().concepts(n, gazetteer)));
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
    Set<String> countries(String name) {
        var out = new HashSet<String>();
        for (var t : NameForms.tokens(name)) {
            var country = OrganizationWords.country(gazetteer, t);
            if (country != null) out.add(country.id());
        }
        // Found inside a run of Han or Thai letters, or named in several words ("泰国财政部", "Viet Nam").
        for (var c : concepts(name)) if (placed(Set.of(c)) && !c.startsWith("#")) out.add(c);
        return out;
    }

    /** The significant words of an organization's name, demonyms folded to their country ("ukrainian" -> ukraine). */
    Set<String> words(String name) {
        var out = new LinkedHashSet<String>();
        for (var t : NameForms.tokens(name)) {
            if (STOP.contains(t) || NameForms.ORG_FORMS.contains(t)) continue;
            var country = OrganizationWords.country(gazetteer, t);
            out.add(country != null ? country.id() : stem(t));
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
}
