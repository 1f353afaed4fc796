package org.cnnworkbench.engine.kinds;

/** How many inputs a kind accepts (inclusive bounds). */
public record Arity(int min, int max) {

    public static Arity none() {
        return new Arity(0, 0);
    }

    public static Arity exactlyOne() {
        return new Arity(1, 1);
    }

    public static Arity atLeast(int min) {
        return new Arity(min, Integer.MAX_VALUE);
    }

    public boolean accepts(int count) {
        return count >= min && count <= max;
    }

    /** "no inputs", "exactly 1 input", "at least 2 inputs". */
    public String describe() {
        if (max == 0) {
            return "no inputs";
        }
        if (min == max) {
            return "exactly " + min + (min == 1 ? " input" : " inputs");
        }
        return "at least " + min + (min == 1 ? " input" : " inputs");
    }
}
