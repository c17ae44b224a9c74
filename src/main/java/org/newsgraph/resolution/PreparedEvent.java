package org.newsgraph.resolution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.newsgraph.resolution.EventScorer.Profile;
import org.newsgraph.resolution.EventScorer.Title;

/**
 * An {@link EventScorer.Profile} with what scoring derives from it computed once: the words of its titles (its
 * own first, then its merged reports') and the words its other fields state ({@link TitleWords#context}). A
 * mention is compared with many stored events, and a stored event with many mentions: prepared once, each pair
 * costs the comparison only ({@link EventScorer#score(PreparedEvent, PreparedEvent)}).
 */
public final class PreparedEvent {

    final Profile profile;
    final List<Title> titles;
    final List<List<String>> titleWords;
    final Set<String> context;
    /** What {@link #context} was computed from (a copy: a caller's set may change afterwards). */
    private final Set<String> contextNames;

    private PreparedEvent(
            Profile profile,
            List<Title> titles,
            List<List<String>> titleWords,
            Set<String> context,
            Set<String> contextNames) {
        this.profile = profile;
        this.titles = titles;
        this.titleWords = titleWords;
        this.context = context;
        this.contextNames = contextNames;
    }

    public Profile profile() {
        return profile;
    }

    /** The profile prepared; what {@code earlier} (or null) computed from inputs still equal is taken from it. */
    static PreparedEvent of(TitleWords words, Profile profile, PreparedEvent earlier) {
        var titles = new ArrayList<Title>(1 + profile.otherTitles().size());
        titles.add(new Title(profile.title(), profile.language()));
        titles.addAll(profile.otherTitles());
        List<Title> kept;
        List<List<String>> titleWords;
        if (earlier != null && earlier.titles.equals(titles)) {
            kept = earlier.titles;
            titleWords = earlier.titleWords;
        } else {
            kept = List.copyOf(titles);
            var computed = new ArrayList<List<String>>(titles.size());
            for (var t : titles) computed.add(words.words(t.text()));
            titleWords = List.copyOf(computed);
        }
        Set<String> context;
        Set<String> contextNames;
        var p = earlier == null ? null : earlier.profile;
        if (p != null
                && Objects.equals(p.kind(), profile.kind())
                && Objects.equals(p.location(), profile.location())
                && year(p.startsOn()) == year(profile.startsOn())
                && earlier.contextNames.equals(profile.participantNames())) {
            context = earlier.context;
            contextNames = earlier.contextNames;
        } else {
            context = words.context(profile.kind(), profile.participantNames(), profile.location(), profile.startsOn());
            contextNames = Collections.unmodifiableSet(new HashSet<>(profile.participantNames()));
        }
        return new PreparedEvent(profile, kept, titleWords, context, contextNames);
    }

    /** The only part of the start date that {@link TitleWords#context} reads. */
    private static int year(LocalDate date) {
        return date == null ? Integer.MIN_VALUE : date.getYear();
    }
}
