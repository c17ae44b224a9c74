package org.newsgraph.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limit analyses of one cached document ({@link QueryAnalysis.Result}: the limit broken, the cost, whether
 * it searches), by operation name and variables, so that a document sent again with the same variables is not
 * walked again: the walks (fields, aliases, directives, literals, depth and cost with fragments expanded) were
 * about 7 % of the server's CPU on a cheap query (bench A1). The document cache keeps one memo with each
 * document, so a memo lives exactly as long as its document.
 *
 * <p>Bounded: at most {@value #ENTRIES} variable sets per document (the least recently used goes), and only
 * variables of at most {@value #MAX_VARIABLE_UNITS} units (a value, or a character of a string or key, is one
 * unit); other requests are analysed every time, as before. An analysis is reused for at most a minute, as the
 * costs of analytics fields follow the table sizes that PostgreSQL reports.
 */
public final class AnalysisMemo {

    /** Variable sets kept per document. */
    static final int ENTRIES = 4;

    /** The largest variables (values plus characters) whose analysis is kept. */
    static final int MAX_VARIABLE_UNITS = 128;

    /** What a memo can hold at most, in the document cache's weight units (characters). */
    public static final int WEIGHT = ENTRIES * (MAX_VARIABLE_UNITS + 64);

    private static final long REUSE_NANOS = 60_000_000_000L;

    private record Entry(String operationName, Map<String, Object> variables, QueryAnalysis.Result result, long at) {}

    /** Most recently used last. */
    private final List<Entry> entries = new ArrayList<>(ENTRIES);

    /** The analysis kept for this operation and these variables, or null. */
    synchronized QueryAnalysis.Result get(String operationName, Map<String, Object> variables, long now) {
        Map<String, Object> key = (variables == null) ? Map.of() : variables;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (Objects.equals(entry.operationName, operationName) && entry.variables.equals(key)) {
                if (now - entry.at > REUSE_NANOS) {
                    entries.remove(i);
                    return null;
                }
                if (i != entries.size() - 1) {
                    entries.remove(i);
                    entries.add(entry);
                }
                return entry.result;
            }
        }
        return null;
    }

    /** Keeps an analysis, if its variables are small enough to be kept. */
    synchronized void put(String operationName, Map<String, Object> variables, QueryAnalysis.Result result, long now) {
        Map<String, Object> key = (variables == null) ? Map.of() : variables;
        if (units(key, 0) > MAX_VARIABLE_UNITS) return;
        entries.removeIf(e -> Objects.equals(e.operationName, operationName) && e.variables.equals(key));
        if (entries.size() == ENTRIES) entries.remove(0);
        entries.add(new Entry(operationName, key, result, now));
    }

    /** Values and characters in {@code value}, counted until past the bound. */
    private static int units(Object value, int sum) {
        if (sum > MAX_VARIABLE_UNITS) return sum;
        if (value instanceof String string) return sum + 1 + string.length();
        if (value instanceof Map<?, ?> map) {
            sum++;
            for (var entry : map.entrySet()) {
                sum = units(
                        entry.getValue(),
                        sum + 1 + String.valueOf(entry.getKey()).length());
                if (sum > MAX_VARIABLE_UNITS) return sum;
            }
            return sum;
        }
        if (value instanceof List<?> list) {
            sum++;
            for (Object element : list) {
                sum = units(element, sum);
                if (sum > MAX_VARIABLE_UNITS) return sum;
            }
            return sum;
        }
        return sum + 1;
    }
}
