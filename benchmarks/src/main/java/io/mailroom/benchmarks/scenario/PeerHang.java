package io.mailroom.benchmarks.scenario;

/**
 * A run that a compared client's own known bug stopped before it could be measured, so the
 * runner repeats it with a fresh client instead of reporting the client as failed; the repeats
 * are logged and counted in the report. Thrown only for a hang whose cause is understood (see
 * {@link VertxMailScenario}); any other failure fails the scenario.
 */
public final class PeerHang extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param what what hung and why, for the log */
    public PeerHang(String what, Throwable cause) {
        super(what, cause);
    }
}
