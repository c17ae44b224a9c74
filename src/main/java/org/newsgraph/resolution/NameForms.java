package org.newsgraph.resolution;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The forms a name is compared in. {@link #clean} is what gets stored: invisible format characters (zero-width
 * space, joiners, soft hyphen, bidi marks) removed, compatibility forms folded (NFKC), white space collapsed.
 * {@link #latin} is the comparison form: any script transliterated to Latin (ICU), accents and case folded,
 * every run of non-letters and non-digits one space. {@link #skeleton} folds one Latin token further, across
 * the usual romanizations of East Slavic names (y/i/iy/yy/ij, leading ye/e, w/v, kh/h, doubled letters), so
 * that "Zelenskiy", "Zelenskyy" and "Zelensky" share one skeleton; it is evidence, never an identity.
 */
public final class NameForms {

    private NameForms() {}

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    /**
     * Cyrillic is romanized the way English-language news does it (BGN/PCGN: "Жаксыбеков" -> "Zhaksybekov", "Рашад"
     * -> "Rashad"), in the language its letters show (Ukrainian "і ї є ґ": "Андрій Сибіга" -> "Andriy Sybiha";
     * Kazakh "ә ғ қ ң ө ұ ү һ"; Belarusian "ў"; Serbian "ђ ј љ њ ћ џ"), else Russian. ICU's generic Cyrillic-Latin
     * is a scholarly one ("Rašad" -> "rasad") that no outlet writes.
     */
    private static final ThreadLocal<Map<String, Transliterator>> CYRILLIC =
            ThreadLocal.withInitial(java.util.HashMap::new);

    private static Transliterator cyrillic(String text) {
        String id = "Russian-Latin/BGN";
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if ("іїєґ".indexOf(c) >= 0) {
                id = "Ukrainian-Latin/BGN";
                break;
            }
            if ("әғқңөұүһ".indexOf(c) >= 0) {
                id = "Kazakh-Latin/BGN";
                break;
            }
            if (c == 'ў') {
                id = "Belarusian-Latin/BGN";
                break;
            }
            if ("ђјљњћџ".indexOf(c) >= 0) {
                id = "Serbian-Latin/BGN";
                break;
            }
        }
        var chosen = id;
        return CYRILLIC.get().computeIfAbsent(chosen, k -> Transliterator.getInstance(k + "; Any-Latin; Latin-ASCII"));
    }

    private static boolean hasCyrillic(String text) {
        for (int i = 0; i < text.length(); i++)
            if (Character.UnicodeBlock.of(text.charAt(i)) == Character.UnicodeBlock.CYRILLIC) return true;
        return false;
    }

    /** The name as it is stored: without invisible format characters, NFKC, single spaces, trimmed. */
    public static String clean(String name) {
        if (name == null) return null;
        var out = new StringBuilder(name.length());
        var normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        boolean space = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.CONTROL && !Character.isWhitespace(cp)) continue;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Latin letters and digits in lower case, words separated by one space ("Володимир Зеленський" -> "volodimir zelenskij"). */
    public static String latin(String name) {
        if (name == null) return "";
        var cleaned = clean(name);
        boolean ascii = cleaned.chars().allMatch(c -> c < 128);
        var latin = ascii
                ? cleaned
                : hasCyrillic(cleaned)
                        ? cyrillic(cleaned).transliterate(cleaned)
                        : TO_LATIN.get().transliterate(cleaned);
        var out = new StringBuilder(latin.length());
        boolean space = false;
        for (int i = 0; i < latin.length(); i++) {
            char c = Character.toLowerCase(latin.charAt(i));
            if (c == '\'' || c == '\u2019' || c == '\u02bc' || c == '`') continue; // soft signs, apostrophes
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (space && out.length() > 0) out.append(' ');
                space = false;
                out.append(c);
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** The words of {@link #latin}. */
    public static List<String> tokens(String name) {
        var latin = latin(name);
        return latin.isEmpty() ? List.of() : List.of(latin.split(" "));
    }

    /** One token folded across romanizations: "yermak" -> "ermak", "zelenskyy" -> "zelenski", "andriy" -> "andri". */
    public static String skeleton(String token) {
        var t = token.toLowerCase(Locale.ROOT);
        // German umlauts written out ("Mueller" = "Müller" = "Muller" once accents are folded).
        t = t.replaceAll("(?<=[^aeiou])([aou])e", "$1");
        // "-off" is how French and German spell the Russian "-ov" ("Orloff", "Smirnoff").
        if (t.length() > 4 && t.endsWith("off")) t = t.substring(0, t.length() - 3) + "ov";
        // Polish and German spellings of the Slavic sibilants ("Kowalczuk", "Kowaltschuk" = "Kovalchuk").
        t = t.replace("szcz", "shch").replace("tsch", "ch").replace("cz", "ch").replace("sch", "sh");
        t = t.replace("sz", "sh");
        t = t.replace("kh", "h")
                .replace("w", "v")
                .replace("ph", "f")
                .replace("x", "ks")
                .replace("ck", "k");
        t = t.replace("tch", "ch").replace("q", "k").replace("th", "t");
        // Russian renders an English w as u before a vowel ("Уиткофф" = Witkoff, "Уолтер" = Walter).
        if (t.length() > 3 && t.charAt(0) == 'u' && "aeiou".indexOf(t.charAt(1)) >= 0) t = "v" + t.substring(1);
        // Word-final glides: -iy, -yy, -ij, -ii, -yi, -ei, -ey, -ej are one sound class.
        for (var ending : List.of("iy", "yy", "ij", "ii", "yi", "ei", "ey", "ej", "yj", "ai", "ay")) {
            if (t.length() > ending.length() + 2 && t.endsWith(ending)) {
                t = t.substring(0, t.length() - ending.length()) + (ending.charAt(0) == 'a' ? "ai" : "i");
                break;
            }
        }
        if (t.startsWith("ye") || t.startsWith("ie")) t = t.substring(1);
        t = t.replace("ei", "i").replace("ey", "i");
        if (t.length() > 4 && t.endsWith("e")) t = t.substring(0, t.length() - 1);
        if (t.startsWith("yu") || t.startsWith("iu")) t = "u" + t.substring(2);
        // Russian writes the German and Turkish ü as "ю" after a consonant ("Озтюрк" -> "oztyurk" = Öztürk).
        t = t.replaceAll("(?<=[^aeiouy])yu", "u");
        if (t.startsWith("ya") || t.startsWith("ia")) t = "a" + t.substring(2);
        t = t.replace('y', 'i').replace('j', 'i');
        var out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (i > 0 && c == t.charAt(i - 1)) continue; // doubled letters
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The vocabulary of name words ({@code db/reference/name-words.csv}): TITLE (titles, ranks and forms of address,
     * dropped before a person's name), SUFFIX (generational: Jr., Sr., III), PARTICLE (al-, bin, van, de: part of a
     * name but never its given name or surname on their own), ORG_FORM (Inc., Ltd, GmbH: not significant in an
     * organization's name).
     */
    static final Set<String> TITLES = words("TITLE");

    static final Set<String> SUFFIXES = words("SUFFIX");
    static final Set<String> PARTICLES = words("PARTICLE");
    static final Set<String> ORG_FORMS = words("ORG_FORM");

    private static java.util.Map<String, Set<String>> vocabulary;

    private static synchronized Set<String> words(String kind) {
        if (vocabulary == null) {
            var map = new java.util.HashMap<String, Set<String>>();
            try (var in = NameForms.class.getResourceAsStream("/db/reference/name-words.csv")) {
                if (in == null) throw new IllegalStateException("db/reference/name-words.csv is not on the classpath");
                var reader = new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                reader.readLine(); // header
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.isBlank()) continue;
                    var f = line.split(",", -1);
                    map.computeIfAbsent(f[1].trim(), k -> new java.util.HashSet<>())
                            .add(f[0].trim());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            vocabulary = map;
        }
        return Set.copyOf(vocabulary.getOrDefault(kind, Set.of()));
    }

    /**
     * A person's name in parts: given name (may be empty or an initial), the middle names, the surname (the last
     * word), and a generational suffix ("jr", "sr", "iii", or a number; empty if none), from "Mr. Volodymyr
     * Zelensky", "Zelensky, Volodymyr", "V. Zelensky", "Whitfield, Thomas Jr.", "Mohammed bin Saad al-Harbi"
     * (particles are not name parts) alike. A name in Chinese, Japanese or Korean script is family name first.
     */
    public record PersonName(String given, List<String> middle, String surname, String suffix) {
        public PersonName(String given, String surname) {
            this(given, List.of(), surname, "");
        }

        public boolean hasGiven() {
            return !given.isEmpty();
        }

        public boolean givenIsInitial() {
            return given.length() == 1;
        }
    }

    private static final java.util.regex.Pattern PARTICLE_HYPHEN = java.util.regex.Pattern.compile(
            "(?i)\\b(al|el|ad|as|ash|at|az|ar|an|ad|bin|ibn|abu|ben|bint|ul)-(?=\\p{L})");

    private static final int PERSON_CACHE_SIZE = 100_000;
    private static final java.util.Map<String, PersonName> PERSON_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The parts of a person's name (parsed once per distinct name: scoring compares the same names again and again). */
    public static PersonName person(String name) {
        var key = name == null ? "" : name;
        var cached = PERSON_CACHE.get(key);
        if (cached != null) return cached;
        var parsed = parsePerson(key);
        if (PERSON_CACHE.size() >= PERSON_CACHE_SIZE) PERSON_CACHE.clear();
        PERSON_CACHE.put(key, parsed);
        return parsed;
    }

    private static PersonName parsePerson(String name) {
        var cleaned = clean(name);
        if (isCjk(cleaned)) return cjkPerson(cleaned);
        // "el-Sayed", "al-Harbi": the particle is a word of its own; other hyphens join ("Seo-yeon" = "Seoyeon").
        cleaned = PARTICLE_HYPHEN.matcher(cleaned).replaceAll("$1 ");
        int comma = cleaned.indexOf(',');
        if (comma > 0 && cleaned.indexOf(',', comma + 1) < 0) {
            var after = tokens(cleaned.substring(comma + 1).replaceAll("(\\p{L})-(\\p{L})", "$1$2"));
            var names = after.stream()
                    .filter(t -> !SUFFIXES.contains(t) && !PARTICLES.contains(t) && !isNumber(t))
                    .toList();
            if (!names.isEmpty() && names.size() <= 3) {
                // "Zelensky, Volodymyr", "Whitfield, Thomas Jr.", "Harbi, Mohamed ibn Saad el-": surname first; a
                // suffix goes last, a particle left at the end goes back before the surname.
                var given = new ArrayList<String>();
                var tail = new ArrayList<String>();
                var particles = new ArrayList<String>();
                for (var t : after) {
                    if (SUFFIXES.contains(t) || isNumber(t)) tail.add(t);
                    else if (PARTICLES.contains(t) && given.size() == names.size()) particles.add(t);
                    else given.add(t);
                }
                cleaned = String.join(" ", given) + " " + String.join(" ", particles) + " "
                        + cleaned.substring(0, comma) + " " + String.join(" ", tail);
            }
        }
        cleaned = cleaned.replaceAll("(\\p{L})-(\\p{L})", "$1$2");
        var words = new ArrayList<>(tokens(cleaned));
        var suffix = "";
        while (words.size() > 1
                && (SUFFIXES.contains(words.get(words.size() - 1)) || isNumber(words.get(words.size() - 1)))) {
            var s = words.remove(words.size() - 1);
            if (suffix.isEmpty()) suffix = s.equals("junior") || s.equals("jnr") ? "jr" : s.equals("snr") ? "sr" : s;
        }
        // Everything up to the last title word is the title ("Kremlin Spokesman Dmitry Peskov").
        for (int i = words.size() - 2; i >= 0; i--) {
            if (TITLES.contains(words.get(i))
                    && !List.of("of", "the", "for", "s", "u").contains(words.get(i))) {
                words.subList(0, i + 1).clear();
                break;
            }
        }
        while (words.size() > 1 && TITLES.contains(words.get(0))) words.remove(0);
        if (words.isEmpty()) return new PersonName("", List.of(), "", suffix);
        // Particles are not name parts; one in front of a lone surname ("al-Harbi", "de Gaulle") neither.
        var parts = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            var w = words.get(i);
            if (PARTICLES.contains(w) && i < words.size() - 1) continue;
            parts.add(w);
        }
        if (parts.isEmpty()) return new PersonName("", List.of(), "", suffix);
        var surname = parts.get(parts.size() - 1);
        var given = parts.size() > 1 ? parts.get(0) : "";
        var middle = parts.size() > 2 ? List.copyOf(parts.subList(1, parts.size() - 1)) : List.<String>of();
        return new PersonName(given, middle, surname, suffix);
    }

    private static boolean isNumber(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }

    /**
     * The script of a text's first letter, kana and Han as one ("CJK"): titles in two scripts are in two languages,
     * and their words cannot be compared.
     */
    public static String script(String text) {
        if (text == null) return "";
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            var s = Character.UnicodeScript.of(cp);
            return switch (s) {
                case HAN, HIRAGANA, KATAKANA -> "CJK";
                default -> s.name();
            };
        }
        return "";
    }

    /**
     * Whether a name is in a script whose romanization is a guess: Han (the reading depends on the language),
     * kana (a foreign name gains vowels), Arabic and Hebrew script (short vowels are not written), Hangul (Korean
     * names have conventional spellings: 박 "Park", 이 "Lee"). Two full names
     * in two scripts, one of them such, do not contradict each other by their romanizations.
     */
    public static boolean romanizedUnreliably(String name) {
        return switch (script(name)) {
            case "CJK", "ARABIC", "HEBREW", "HANGUL" -> true;
            default -> false;
        };
    }

    /** Whether the name is written in Han, kana or Hangul (family name first, no spaces between the parts). */
    static boolean isCjk(String name) {
        boolean any = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            var script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL) any = true;
            else if (Character.isLetter(cp)) return false;
        }
        return any;
    }

    /** "张文华" -> family "zhang", given "wenhua"; "佐藤 健二" -> family "zuo teng" first word. */
    private static PersonName cjkPerson(String name) {
        var parts = name.trim().split("[\\s\u30FB\u00B7]+");
        String family;
        String given;
        if (parts.length >= 2) {
            family = latin(parts[0]).replace(" ", "");
            given = latin(String.join("", java.util.Arrays.copyOfRange(parts, 1, parts.length)))
                    .replace(" ", "");
        } else {
            int first = name.codePointAt(0);
            family = latin(new String(Character.toChars(first))).replace(" ", "");
            given = latin(name.substring(Character.charCount(first))).replace(" ", "");
        }
        if (given.isEmpty()) return new PersonName("", List.of(), family, "");
        return new PersonName(given, List.of(), family, "");
    }
}
