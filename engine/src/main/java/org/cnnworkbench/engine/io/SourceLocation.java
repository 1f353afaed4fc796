package org.cnnworkbench.engine.io;

/** A 1-based line and column in a source file. */
public record SourceLocation(int line, int column) {

    /** {@code source:line:column}, or {@code source} alone when {@code at} is null: how messages point into a file. */
    public static String where(String source, SourceLocation at) {
        return at == null ? source : source + ":" + at.line() + ":" + at.column();
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
