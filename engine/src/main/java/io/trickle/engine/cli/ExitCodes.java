package io.trickle.engine.cli;

import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NoSessionException;
import picocli.CommandLine.ParameterException;

/** The exit codes of DESIGN §4, decided in one place. */
final class ExitCodes {

    static final int OK = 0;
    /** Failed while acting: a refresh error, a busy table, a refused drop, a missing privilege. */
    static final int FAILED = 1;
    /** Refused before anything changed: usage, SQL, unsupported construct, name clash, unknown setting. */
    static final int INVALID = 2;
    /** No session: server unreachable, authentication failed, database missing. */
    static final int NO_SESSION = 3;

    private ExitCodes() {
    }

    static int of(Throwable t) {
        if (t instanceof ParameterException || t instanceof InvalidInputException) {
            return INVALID;
        }
        if (t instanceof NoSessionException) {
            return NO_SESSION;
        }
        if (t instanceof TrickleException) {
            return FAILED;
        }
        return FAILED;
    }
}
