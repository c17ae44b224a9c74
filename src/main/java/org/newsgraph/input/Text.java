package org.newsgraph.input;

/** Checks on text that PostgreSQL must be able to store as it was sent. */
public final class Text {

    private Text() {}

    /**
     * Whether the text holds half of a UTF-16 surrogate pair (JSON's {@code "\ud800"} alone): it is no
     * character, UTF-8 cannot encode it, and the driver would store it as {@code ?}.
     */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
