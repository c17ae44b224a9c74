package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The events {@link EventResolver} knows during a run, in the order it learnt them (the order candidates are
 * scored in, which breaks ties), indexed by external key, by (title key, start) and by start date. Without the
 * indexes every event of a document was compared with every loaded event several times (its exact look-up, its
 * duplicate check, its blocking test): the largest part of the engine's time in a bulk import.
 */
final class EventIndex {

    /**
     * How far (days) a start date of this precision can lie outside a dated mention's period and the two periods
     * still share a day: a period holds its own start date and lasts at most a week, a month or a year
     * ({@code EventDates.period}; HOUR, DAY and anything else: the day itself).
     */
    static int span(String precision) {
        if (precision == null) return 0;
        return switch (precision) {
            case "WEEK" -> 6;
            case "MONTH" -> 31;
            case "YEAR" -> 366;
            default -> 0;
        };
    }

    private final List<EventState> all = new ArrayList<>();
    private final Map<String, List<EventState>> byExternalKey = new HashMap<>();
    private final Map<String, List<EventState>> byTitleStart = new HashMap<>();
    /** By start date, per span of the precision ({@link #span}). */
    private final Map<Integer, TreeMap<LocalDate, List<EventState>>> byStart = new TreeMap<>();

    private final List<EventState> undated = new ArrayList<>();

    /** Every event, in the order it was added. */
    List<EventState> all() {
        return all;
    }

    void add(EventState event) {
        event.learnt = all.size();
        all.add(event);
        index(event);
    }

    /** Replaces the row fields of an indexed event ({@link EventState#take}), keeping the indexes right. */
    void take(EventState event, EventState wanted) {
        unindex(event);
        event.take(wanted);
        index(event);
    }

    /** The events of this external key. */
    List<EventState> withExternalKey(String externalKey) {
        if (externalKey == null) return List.of();
        return byExternalKey.getOrDefault(externalKey, List.of());
    }

    /** The events of this title key and start (null: undated). */
    List<EventState> withTitleAndStart(String titleKey, LocalDate startsOn) {
        return byTitleStart.getOrDefault(titleStart(titleKey, startsOn), List.of());
    }

    /**
     * The events a dated mention whose period is {@code period} can share a day with, and the undated ones, in the
     * order they were added: every event whose dates do not set it apart from such a mention. {@code null}: all.
     */
    List<EventState> near(LocalDate[] period) {
        if (period == null) return all;
        var found = new ArrayList<EventState>(undated);
        byStart.forEach((span, starts) -> {
            for (var list : starts.subMap(period[0].minusDays(span), true, period[1].plusDays(span), true)
                    .values()) found.addAll(list);
        });
        found.sort(Comparator.comparingInt(e -> e.learnt));
        return found;
    }

    /**
     * The event a document's event matches exactly: by external key, else by (title key, start); the exact external
     * key first, then the oldest. Null when none.
     */
    Long exact(String externalKey, String titleKey, LocalDate startsOn) {
        EventState best = null;
        boolean bestExact = false;
        for (var e : candidates(externalKey, titleKey, startsOn)) {
            boolean byKey = externalKey != null && externalKey.equals(e.externalKey);
            boolean byTitle = titleKey.equals(e.titleKey)
                    && Objects.equals(e.startsOn, startsOn)
                    && (e.externalKey == null || externalKey == null);
            if (!byKey && !byTitle) continue;
            boolean exact = Objects.equals(e.externalKey, externalKey);
            if (best == null || (exact && !bestExact) || (exact == bestExact && e.id < best.id)) {
                best = e;
                bestExact = exact;
            }
        }
        return best == null ? null : best.id;
    }

    /** The events of the external key, and of the (title key, start). */
    private List<EventState> candidates(String externalKey, String titleKey, LocalDate startsOn) {
        var byKey = withExternalKey(externalKey);
        var byTitle = withTitleAndStart(titleKey, startsOn);
        if (byKey.isEmpty()) return byTitle;
        var both = new ArrayList<EventState>(byKey);
        both.addAll(byTitle);
        return both;
    }

    private void index(EventState e) {
        if (e.externalKey != null)
            byExternalKey
                    .computeIfAbsent(e.externalKey, k -> new ArrayList<>(1))
                    .add(e);
        byTitleStart
                .computeIfAbsent(titleStart(e.titleKey, e.startsOn), k -> new ArrayList<>(1))
                .add(e);
        if (e.startsOn == null) undated.add(e);
        else
            byStart.computeIfAbsent(span(e.startsOnPrecision), k -> new TreeMap<>())
                    .computeIfAbsent(e.startsOn, k -> new ArrayList<>(2))
                    .add(e);
    }

    private void unindex(EventState e) {
        if (e.externalKey != null) remove(byExternalKey, e.externalKey, e);
        remove(byTitleStart, titleStart(e.titleKey, e.startsOn), e);
        if (e.startsOn == null) undated.remove(e);
        else remove(byStart.get(span(e.startsOnPrecision)), e.startsOn, e);
    }

    private static <K> void remove(Map<K, List<EventState>> index, K key, EventState e) {
        var list = index == null ? null : index.get(key);
        if (list == null) return;
        list.remove(e);
        if (list.isEmpty()) index.remove(key);
    }

    private static String titleStart(String titleKey, LocalDate startsOn) {
        return titleKey + "|" + Objects.toString(startsOn, "");
    }
}
