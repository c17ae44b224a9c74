package org.newsgraph.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of an article: its URL in canonical form, so that the spellings of one address that
 * browsers, share buttons and newsletters produce name one article, not several (each with all its
 * statements). The rule (also in {@code db/FORMAT.md}):
 * <ol>
 * <li>surrounding whitespace goes; the scheme ({@code http} or {@code https}, any case) and the host are
 * lower-cased;</li>
 * <li>the default port goes ({@code :80} for http, {@code :443} for https);</li>
 * <li>the fragment ({@code #...}) goes;</li>
 * <li>tracking parameters go from the query: {@code utm_*} and {@code fbclid}, {@code gclid},
 * {@code dclid}, {@code gbraid}, {@code wbraid}, {@code msclkid}, {@code mc_cid}, {@code mc_eid},
 * {@code igshid}, {@code yclid}, {@code _ga}, {@code _gl} (any case); the other parameters keep their
 * order and spelling, and an empty query goes;</li>
 * <li>an empty path becomes {@code /}; a trailing {@code /} of a longer path goes ({@code /a/b/} is
 * {@code /a/b});</li>
 * <li>everything else (path case, percent-encoding, {@code www.}, http versus https) stays as given.</li>
 * </ol>
 * The URL as given is kept next to the canonical one ({@code articles.url_as_given}).
 */
public final class ArticleUrl {

    /** scheme :// authority path ?query #fragment */
    private static final Pattern PARTS =
            Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\s]*)([^?#\\s]*)(?:\\?([^#\\s]*))?(?:#\\S*)?$");

    private static final Set<String> TRACKING = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga",
            "_gl");

    /** Longest URL accepted, as given. */
    public static final int MAX_LENGTH = 2_000;

    private ArticleUrl() {}

    /** The canonical form, or empty when the text is not an absolute http(s) URL with a host. */
    public static Optional<String> canonical(String given) {
        if (given == null) return Optional.empty();
        String text = given.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) return Optional.empty();
        Matcher parts = PARTS.matcher(text);
        if (!parts.matches()) return Optional.empty();
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
        String authority = parts.group(2);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostAndPort = authority.substring(at + 1);
        String host = hostAndPort;
        String port = null;
        int colon = hostAndPort.lastIndexOf(':');
        if (colon >= 0 && hostAndPort.indexOf(']', colon) < 0) {
            host = hostAndPort.substring(0, colon);
            port = hostAndPort.substring(colon + 1);
            if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) return Optional.empty();
            if (port.isEmpty()) port = null;
        }
        if (host.isEmpty()) return Optional.empty();
        var url = new StringBuilder(text.length()).append(scheme).append("://");
        if (userInfo != null) url.append(userInfo).append('@');
        url.append(host.toLowerCase(Locale.ROOT));
        if (port != null) {
            String number = port.replaceFirst("^0+(?=.)", "");
            boolean isDefault =
                    (number.equals("80") && scheme.equals("http")) || (number.equals("443") && scheme.equals("https"));
            if (!isDefault) url.append(':').append(number);
        }
        String path = parts.group(3).isEmpty() ? "/" : parts.group(3);
        while (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        url.append(path);
        String query = withoutTracking(parts.group(4));
        if (query != null) url.append('?').append(query);
        return Optional.of(url.toString());
    }

    /** The canonical form, or the text as given when it has none (validation reports that). */
    public static String canonicalOrAsGiven(String given) {
        return canonical(given).orElse(given);
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return null;
        List<String> kept = new ArrayList<>();
        for (String parameter : rawQuery.split("&", -1)) {
            if (parameter.isEmpty()) continue;
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) continue;
            kept.add(parameter);
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }
}
