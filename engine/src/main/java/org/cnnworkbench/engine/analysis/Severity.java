package org.cnnworkbench.engine.analysis;

/** How serious a diagnostic is: an error makes the network invalid, a warning does not. */
public enum Severity {
    ERROR,
    WARNING;

    /** Lower-case name used in JSON and on the command line. */
    public String label() {
        return name().toLowerCase();
    }
}
