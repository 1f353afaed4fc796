package org.cnnworkbench.engine.design;

/**
 * Why a metaparameter makes no network.
 *
 * @param parameter the parameter's name as in the paper and on the command line, e.g. {@code sr} or {@code pct_3x3}
 * @param message what is wrong and what would be accepted, for people
 */
public record MetaparameterProblem(String parameter, String message) {

    @Override
    public String toString() {
        return parameter + ": " + message;
    }
}
