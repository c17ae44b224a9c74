package org.newsgraph.replica;

import java.util.regex.Pattern;

/** PostgreSQL WAL positions ({@code pg_lsn}: {@code 16/B374D848}) as unsigned byte offsets. */
final class Lsn {

    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    private Lsn() {}

    /** The position of {@code text}, or -1 when it is no WAL position. */
    static long parse(String text) {
        if (text == null) {
            return -1;
        }
        var matcher = TEXT.matcher(text.trim());
        if (!matcher.matches()) {
            return -1;
        }
        return (Long.parseLong(matcher.group(1), 16) << 32) | Long.parseLong(matcher.group(2), 16);
    }

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
