package org.newsgraph.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes rows in PostgreSQL's COPY text format (tab separated, {@code \N} for NULL, backslash escapes). */
final class CopyWriter implements AutoCloseable {

    private final BufferedWriter out;
    private boolean first = true;
    private long rows;

    CopyWriter(Writer out) {
        this.out = new BufferedWriter(out, 1 << 16);
    }

    CopyWriter field(Object value) {
        try {
            if (!first) out.write('\t');
            first = false;
            if (value == null) {
                out.write("\\N");
            } else if (value instanceof Number || value instanceof Enum<?>) {
                out.write(value.toString());
            } else {
                var text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '\\' -> out.write("\\\\");
                        case '\t' -> out.write("\\t");
                        case '\n' -> out.write("\\n");
                        case '\r' -> out.write("\\r");
                        default -> out.write(c);
                    }
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end() {
        try {
            out.write('\n');
            first = true;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
