package io.trickle.engine.sql;

/**
 * A construct of the query that the differential engine cannot maintain. The message names the
 * construct so that a DBA can see why AUTO chose FULL, and why DIFFERENTIAL was refused.
 */
public final class UnsupportedConstruct extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedConstruct(String construct) {
        super(construct);
    }

    /** The construct, e.g. "window function rank()". */
    public String construct() {
        return getMessage();
    }
}
