package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.resolution.EventBlocking;
import org.newsgraph.resolution.EventDates;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.PreparedEvent;

/**
 * An event as {@link EventResolver} knows it during a run: its row fields, its participants, and the titles and
 * dates of the reports merged into it (the cluster it is scored as).
 */
final class EventState {
    final long id;
    String titleKey;
    /** The title key's trigrams (for {@link EventBlocking}), kept with it. */
    long[] titleTrigrams;

    String kind, title, status, description, startsOnPrecision, endsOnPrecision, location, externalKey;
    LocalDate startsOn, endsOn;
    Long parentId;
    String language;
    /** Its participants and their roles: changed only through the {@code add...} methods (they count the change). */
    final Set<Long> participants = new HashSet<>();
    /** Each participant's roles, as its reports gave them. */
    final Map<Long, Set<String>> roles = new HashMap<>();
    /** The titles of the reports merged into it (the cluster's other names). */
    final List<EventScorer.Title> otherTitles = new ArrayList<>();
    /** The start dates of the reports merged into it. */
    final List<EventDates.Dated> reportDates = new ArrayList<>();
    /** Its place in the order {@link EventIndex} learnt the run's events in (the order candidates are scored in). */
    int learnt;

    /** Its profile as last prepared for scoring: the next preparation takes what did not change from it. */
    PreparedEvent prepared;

    /** Counts every change of what {@link #profile} reads of the event itself (fields, participants, reports). */
    private int version;

    private EventScorer.Profile profile;
    private int profileVersion = -1;
    private long profileNames = -1;

    EventState(EventResolver.StoredEvent r) {
        this.id = r.id();
        this.titleKey = r.titleKey();
        // Shared with the short rows of EventRows: a batch reads the same events again, the codes depend on the text
        // only.
        this.titleTrigrams = EventRows.trigrams(r.titleKey());
        this.kind = r.kind();
        this.title = r.title();
        this.status = r.status();
        this.description = r.description();
        this.startsOn = r.startsOn();
        this.startsOnPrecision = r.startsOnPrecision();
        this.endsOn = r.endsOn();
        this.endsOnPrecision = r.endsOnPrecision();
        this.location = r.location();
        this.externalKey = r.externalKey();
        this.parentId = r.parentId();
        this.language = r.language();
    }

    void addParticipants(java.util.Collection<Long> actorIds) {
        if (participants.addAll(actorIds)) version++;
    }

    /** A participant with the role a report gave it ({@code role} may be null). */
    void addParticipant(long actorId, String role) {
        boolean changed = participants.add(actorId);
        if (role != null)
            changed |= roles.computeIfAbsent(actorId, k -> new HashSet<>()).add(role);
        if (changed) version++;
    }

    /** Participants with their roles as a report gave them. */
    void addRoles(Map<Long, ? extends java.util.Collection<String>> given) {
        boolean changed = false;
        for (var e : given.entrySet())
            changed |= roles.computeIfAbsent(e.getKey(), k -> new HashSet<>()).addAll(e.getValue());
        if (changed) version++;
    }

    /** Its parent, as an article of the run states it. */
    void parent(Long parent) {
        if (!java.util.Objects.equals(parentId, parent)) version++;
        parentId = parent;
    }

    /** A report merged into it: its title joins the cluster's titles, its date the dates it is known by. */
    void absorb(String otherTitle, String otherLanguage, LocalDate start, String precision) {
        version++;
        if (otherTitle != null && !otherTitle.equals(title)) {
            var t = new EventScorer.Title(otherTitle, otherLanguage);
            if (!otherTitles.contains(t)) otherTitles.add(t);
        }
        if (start != null) reportDates.add(new EventDates.Dated(start, precision));
    }

    List<Object> fields() {
        return java.util.Arrays.asList(
                kind,
                title,
                status,
                description,
                startsOn,
                startsOnPrecision,
                endsOn,
                endsOnPrecision,
                location,
                externalKey);
    }

    EventBlocking.Key key() {
        return new EventBlocking.Key(kind, startsOn, participants, parentId);
    }

    /**
     * Its profile for scoring, the names and groups of its participants as {@code names} describes them. Kept while
     * nothing it is made of changed: the event itself ({@link #version}) and the names of its participants, which
     * only grow during a run, so that their count ({@code nameCounts}, summed) tells. A stored event is a candidate
     * of many mentions; building its profile again for each was as costly as scoring the pair.
     */
    EventScorer.Profile profile(
            EventResolver.ParticipantNames names, java.util.function.ToLongFunction<Long> nameCounts) {
        long counted = 0;
        for (var id : participants) counted += nameCounts.applyAsLong(id);
        if (profile != null && profileVersion == version && profileNames == counted) return profile;
        profile = profile(names);
        profileVersion = version;
        profileNames = counted;
        return profile;
    }

    EventScorer.Profile profile(EventResolver.ParticipantNames names) {
        var participantNames = new HashSet<String>();
        var groups = new HashSet<String>();
        for (var id : participants) names.describe(id, participantNames, groups);
        var known = EventDates.narrowest(new EventDates.Dated(startsOn, startsOnPrecision), reportDates);
        return new EventScorer.Profile(
                id,
                kind,
                title,
                known.on(),
                known.precision(),
                location,
                parentId,
                participants,
                participantNames,
                groups,
                language,
                otherTitles,
                roles);
    }

    /** Takes the row fields of {@code wanted} (what a later report of the event states). */
    void take(EventState wanted) {
        version++;
        if (!titleKey.equals(wanted.titleKey)) titleTrigrams = wanted.titleTrigrams;
        titleKey = wanted.titleKey;
        kind = wanted.kind;
        title = wanted.title;
        status = wanted.status;
        description = wanted.description;
        startsOn = wanted.startsOn;
        startsOnPrecision = wanted.startsOnPrecision;
        endsOn = wanted.endsOn;
        endsOnPrecision = wanted.endsOnPrecision;
        location = wanted.location;
        externalKey = wanted.externalKey;
    }
}
