package org.newsgraph.resolution;

import java.util.List;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The person-name features of {@link ActorScorer}: two people's names and aliases aligned part by part (surname,
 * given name, middle names, suffix) and weighed, and the contradictions between two full names that veto a pair.
 */
final class PersonNameScorer {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    /** The weight of a name written in Arabic script or kana whose consonants are the romanized name's. */
    static final double TRANSLITERATED = 7;

    /** The same for a Korean name in Hangul: a candidate by name alone. */
    static final double TRANSLITERATED_HANGUL = 6;

    private PersonNameScorer() {}

    enum Level {
        EQUAL,
        SKELETON,
        SIMILAR,
        PARTIAL,
        INITIAL,
        MISSING,
        DIFFERENT
    }

    static void personName(
            Score.Builder b,
            List<String> mentionNames,
            Set<String> mentionTitles,
            List<String> storedNames,
            Set<String> storedTitles) {
        double best = Double.NEGATIVE_INFINITY;
        Alignment bestAlignment = null;
        String bestDetail = null;
        for (var m : mentionNames) {
            var mp = NameForms.person(withoutTitle(m, mentionTitles));
            if (mp.surname().isEmpty()) continue;
            for (var s : storedNames) {
                var sp = NameForms.person(withoutTitle(s, storedTitles));
                if (sp.surname().isEmpty()) continue;
                var alignment = align(mp, sp);
                var detail = (alignment.equal() ? m + " = " : m + " ~ ") + s;
                // Ties go to the first detail in text order, so that the order names were learned in plays no part.
                if (alignment.weight() > best
                        || (alignment.weight() == best && bestDetail != null && detail.compareTo(bestDetail) < 0)) {
                    best = alignment.weight();
                    bestAlignment = alignment;
                    bestDetail = detail;
                }
            }
        }
        if (bestAlignment == null || bestAlignment.weight() < TRANSLITERATED) {
            // One name in Arabic script or kana, the other romanized: the same consonants.
            String detail = null;
            double weight = 0;
            for (var m : mentionNames)
                for (var s : storedNames) {
                    if (!ConsonantKeys.same(m, s)) continue;
                    var d = m + " ~ " + s;
                    // Korean names share few consonant patterns (a small stock of given-name syllables; 지훈 is
                    // "Ji-hoon" and "Ji-hun"): by name alone a candidate, evidence makes the merge.
                    double w = ConsonantKeys.script(m) == ConsonantKeys.Script.HANGUL
                                    || ConsonantKeys.script(s) == ConsonantKeys.Script.HANGUL
                            ? TRANSLITERATED_HANGUL
                            : TRANSLITERATED;
                    if (detail == null || w > weight || (w == weight && d.compareTo(detail) < 0)) {
                        detail = d;
                        weight = w;
                    }
                }
            if (detail != null) {
                b.add("name", weight, "same consonants in another script: " + detail);
                return;
            }
        }
        if (bestAlignment == null || bestAlignment.surname() == Level.DIFFERENT) {
            b.veto("surname", bestDetail == null ? "no surname" : bestDetail);
            return;
        }
        if (bestAlignment.suffix() == Double.NEGATIVE_INFINITY) {
            b.veto("suffix", bestDetail);
            return;
        }
        if (bestAlignment.equal()) {
            b.add("name", 9, bestDetail);
        } else {
            b.add(
                    "surname",
                    surnameWeight(bestAlignment.surname()),
                    bestAlignment.surname().name().toLowerCase()
                            + (bestAlignment.swapped() ? " (other order)" : "")
                            + ": "
                            + bestDetail);
            b.add(
                    "given name",
                    givenWeight(bestAlignment.given()),
                    bestAlignment.given().name().toLowerCase());
            if (bestAlignment.middle() > 0) b.add("middle names", bestAlignment.middle(), "agree");
        }
        if (bestAlignment.suffix() != 0) b.add("suffix", bestAlignment.suffix(), "Jr./Sr./number on one side only");
    }

    /**
     * How two parsed names line up: surname with surname (or, given name first in one of them, crosswise:
     * "Zhang Wenhua" / "Wenhua Zhang"; or the surname of one a middle name of the other: the first of two Spanish
     * surnames, "Ana Herrera" / "Ana Lucía Herrera Castillo"), given name with given name, the suffixes.
     */
    record Alignment(Level surname, Level given, boolean swapped, double suffix, boolean equal, double middle) {
        Alignment(Level surname, Level given, boolean swapped, double suffix, boolean equal) {
            this(surname, given, swapped, suffix, equal, 0);
        }

        Alignment withMiddle(double weight) {
            return new Alignment(surname, given, swapped, suffix, equal, weight);
        }

        double weight() {
            if (surname == Level.DIFFERENT || suffix == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
            return (equal ? 9 : surnameWeight(surname) + givenWeight(given) + middle) + suffix - (swapped ? 0.5 : 0);
        }

        /** Only an initial, or no given name, or only part of a double surname: a name many people may share. */
        boolean weak() {
            return !equal && (given == Level.INITIAL || given == Level.MISSING || surname == Level.PARTIAL);
        }
    }

    static Alignment align(NameForms.PersonName mp, NameForms.PersonName sp) {
        double suffix = mp.suffix().equals(sp.suffix())
                ? 0
                : mp.suffix().isEmpty() || sp.suffix().isEmpty() ? -6 : Double.NEGATIVE_INFINITY;
        if (mp.hasGiven() && sp.hasGiven() && !mp.givenIsInitial() && !sp.givenIsInitial()) {
            boolean same = mp.surname().equals(sp.surname())
                    && mp.given().equals(sp.given())
                    && (mp.middle().equals(sp.middle())
                            || mp.middle().isEmpty()
                            || sp.middle().isEmpty());
            if (same) return new Alignment(Level.EQUAL, Level.EQUAL, false, suffix, true);
            if (mp.given().equals(sp.surname()) && mp.surname().equals(sp.given()))
                return new Alignment(Level.EQUAL, Level.EQUAL, true, suffix, true);
            if (rotated(words(mp), words(sp))) return new Alignment(Level.EQUAL, Level.EQUAL, true, suffix, true);
        }
        var straight = new Alignment(compare(mp.surname(), sp.surname(), false), given(mp, sp), false, suffix, false)
                .withMiddle(middleAgreement(mp, sp));
        var best = straight;
        if (mp.hasGiven() && sp.hasGiven() && !mp.givenIsInitial() && !sp.givenIsInitial()) {
            var swapped = new Alignment(
                    compare(mp.given(), sp.surname(), false),
                    compare(mp.surname(), sp.given(), true),
                    true,
                    suffix,
                    false);
            if (swapped.weight() > best.weight()) best = swapped;
        }
        if (best.surname() == Level.DIFFERENT) {
            // The surname of one is a middle name of the other, with the given names agreeing.
            var partial = partial(mp, sp, suffix);
            if (partial == null) partial = partial(sp, mp, suffix);
            if (partial != null) best = partial;
        }
        return best;
    }

    /** All the words of a parsed name in order: given name, middle names, surname. */
    private static List<String> words(NameForms.PersonName p) {
        var out = new java.util.ArrayList<String>();
        out.add(p.given());
        out.addAll(p.middle());
        out.add(p.surname());
        return out;
    }

    /**
     * The same three or more words with the family name moved from the front to the end ("Tran Minh Duc" / "Tran,
     * Minh Duc", "Minh Duc Tran"; "Nagy Imre Laszlo" / "Imre Laszlo Nagy"): one name in Eastern and Western order. A
     * rotation only: other orders of the same words are other people ("Mohammed Saad Harbi" / "Saad Mohammed Harbi",
     * a father and his son).
     */
    static boolean rotated(List<String> a, List<String> b) {
        int n = a.size();
        if (n < 3 || b.size() != n) return false;
        var left = new java.util.ArrayList<>(a);
        java.util.Collections.rotate(left, 1);
        if (left.equals(b)) return true;
        java.util.Collections.rotate(left, -2);
        return left.equals(b);
    }

    /** Middle names that agree, as many on both sides ("Abdullah bin Hamad al-Rashid" / "Abdallah ibn Hamad ..."). */
    private static double middleAgreement(NameForms.PersonName a, NameForms.PersonName b) {
        if (a.middle().isEmpty() || a.middle().size() != b.middle().size()) return 0;
        boolean word = false;
        for (int i = 0; i < a.middle().size(); i++) {
            var x = a.middle().get(i);
            var y = b.middle().get(i);
            if (x.length() == 1 || y.length() == 1) {
                if (x.charAt(0) != y.charAt(0)) return 0;
            } else if (compare(x, y, true).ordinal() <= Level.SKELETON.ordinal()) {
                word = true;
            } else {
                return 0;
            }
        }
        return word ? 1.5 : 0.5;
    }

    private static Alignment partial(NameForms.PersonName shorter, NameForms.PersonName longer, double suffix) {
        if (!shorter.middle().isEmpty() || longer.middle().isEmpty()) return null;
        for (var m : longer.middle()) {
            if (m.length() > 1 && compare(shorter.surname(), m, false).ordinal() <= Level.SKELETON.ordinal()) {
                var given = given(shorter, longer);
                if (given == Level.DIFFERENT || given == Level.MISSING) return null;
                return new Alignment(Level.PARTIAL, given, false, suffix, false);
            }
        }
        return null;
    }

    private static Level given(NameForms.PersonName mp, NameForms.PersonName sp) {
        if (!mp.hasGiven() || !sp.hasGiven()) return Level.MISSING;
        if (mp.givenIsInitial() || sp.givenIsInitial())
            return mp.given().charAt(0) == sp.given().charAt(0) ? Level.INITIAL : Level.DIFFERENT;
        return compare(mp.given(), sp.given(), true);
    }

    /** The name without a title of the actor's own in front ("Correspondent Julia Ivers" with title "Correspondent"). */
    static String withoutTitle(String name, Set<String> titles) {
        if (titles.isEmpty()) return name;
        var latin = NameForms.latin(name);
        for (var title : titles) {
            var t = NameForms.latin(title);
            if (!t.isEmpty() && latin.startsWith(t + " ")) {
                var words = t.split(" ").length;
                var rest = NameForms.tokens(name);
                if (rest.size() > words) return String.join(" ", rest.subList(words, rest.size()));
            }
        }
        return name;
    }

    /**
     * Why two full names (the names, not the aliases) cannot be one person, or null: different surnames, or
     * different given names ("Sato Kenji" and "Sato Yuki" share one alias "Sato" and are two people), or
     * different middle names or suffixes. A name given surname first ("Kenji Sato" / "Sato Kenji") is the same
     * name.
     */
    static String contradiction(String a, String b) {
        var pa = NameForms.person(a);
        var pb = NameForms.person(b);
        if (pa.surname().isEmpty() || pb.surname().isEmpty()) return null;
        var alignment = align(pa, pb);
        if (alignment.suffix() == Double.NEGATIVE_INFINITY) return "suffixes: " + a + " vs " + b;
        if (alignment.equal()) return null;
        if (alignment.surname() == Level.DIFFERENT) return "surnames: " + a + " vs " + b;
        if (alignment.given() == Level.DIFFERENT) {
            boolean initials = pa.givenIsInitial() || pb.givenIsInitial();
            return (initials ? "initials: " : "given names: ") + a + " vs " + b;
        }
        return middleNames(pa, pb, a, b);
    }

    /**
     * Different middle names, as many on both sides ("Olena Marchuk Ivanivna" / "Olena Marchenko Ivanivna", "John
     * Fitzgerald Kennedy" / "John Patrick Kennedy", "Quentin Z. Varga" / "Quentin L. Varga"): two people. An
     * initial matches a word with its letter.
     */
    private static String middleNames(NameForms.PersonName pa, NameForms.PersonName pb, String a, String b) {
        var ma = pa.middle();
        var mb = pb.middle();
        if (ma.isEmpty() || ma.size() != mb.size()) return null;
        for (int i = 0; i < ma.size(); i++) {
            var x = ma.get(i);
            var y = mb.get(i);
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
            case SIMILAR, PARTIAL -> 2.5;
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
        // Given names vary more between languages (Vladimir/Volodymyr): same sound is enough there. In words of four
        // letters or fewer one letter more is another name, not another spelling ("Hang" / "Hanh", "Duc" / "Dung"):
        // there the spelling must sound the same too.
        boolean shortWord = Math.min(sa.length(), sb.length()) <= 4;
        if ((jw >= 0.92 && (!shortWord || sound)) || (sound && (given || jw >= 0.85))) return Level.SIMILAR;
        // Vowels vary most between romanizations of Arabic and Persian (Mohammed/Muhammad, Hussein/Husayn): the
        // same consonants in the same order and the same sound.
        if (sound && sa.charAt(0) == sb.charAt(0) && consonants(sa).equals(consonants(sb))) return Level.SIMILAR;
        // A letter whose diacritic ASCII folding dropped (Turkish and Azerbaijani "ş", "ç", Czech "ž") against the
        // digraph another romanization writes for it ("Reşad" -> "resad" / "Rashad"): the Arabic-vowel test above
        // without the h.
        var fa = withoutDigraphH(sa);
        var fb = withoutDigraphH(sb);
        // Not in short words: pinyin's "zh"/"z", "ch"/"c", "sh"/"s" are other names ("Zhang" / "Zang", "Chen" / "Cen").
        if ((!fa.equals(sa) || !fb.equals(sb))
                && Math.min(fa.length(), fb.length()) >= 5
                && fa.charAt(0) == fb.charAt(0)
                && consonants(fa).equals(consonants(fb))
                && METAPHONE.isDoubleMetaphoneEqual(fa, fb)) return Level.SIMILAR;
        return Level.DIFFERENT;
    }

    /** "sh", "ch", "zh" as the one letter ASCII folding leaves of "ş", "ç", "ž": "rashad" -> "rasad". */
    private static String withoutDigraphH(String skeleton) {
        return skeleton.replace("sh", "s").replace("ch", "c").replace("zh", "z");
    }

    private static String consonants(String skeleton) {
        return skeleton.replaceAll("[aeiou]", "");
    }
}
