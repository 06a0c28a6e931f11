package io.trickle.engine.api;

/**
 * Every failure the engine reports to its users. The subtype says what kind of failure it was, and
 * the command line turns that into its exit code (DESIGN §4); the message names the object and the
 * cause, in words a DBA can act on.
 */
public class TrickleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrickleException(String message) {
        super(message);
    }

    public TrickleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Refused before anything changed: bad input, an unsupported construct, a name clash (exit 2). */
    public static class InvalidInputException extends TrickleException {
        private static final long serialVersionUID = 1L;

        public InvalidInputException(String message) {
            super(message);
        }

        public InvalidInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A query PostgreSQL refused (a syntax error, an unknown relation, column or function), with where
     * in the query as the user wrote it: {@code position} counts characters from 1, like PostgreSQL's
     * own error position; {@code line} and {@code column} from 1 too. All three are 0 when PostgreSQL
     * named no position.
     */
    public static class InvalidQueryException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final int position;
        private final int line;
        private final int column;

        public InvalidQueryException(String message, int position, int line, int column, Throwable cause) {
            super(message, cause);
            this.position = position;
            this.line = line;
            this.column = column;
        }

        public int position() {
            return position;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public boolean hasPosition() {
            return position > 0;
        }
    }

    /** No session: the server is unreachable, authentication failed or the database is missing (exit 3). */
    public static class NoSessionException extends TrickleException {
        private static final long serialVersionUID = 1L;

        public NoSessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Failed while acting: a refresh error, a busy table, a missing privilege (exit 1). */
    public static class ActionFailedException extends TrickleException {
        private static final long serialVersionUID = 1L;

        public ActionFailedException(String message) {
            super(message);
        }

        public ActionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A name that does not denote a stream table (exit 2: nothing was changed). */
    public static class NotFoundException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(String message) {
            super(message);
        }
    }
}
