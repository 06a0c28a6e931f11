package io.trickle.engine.watermark;

import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.SqlErrors;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the watermark SQL API's errors mean for the engine's callers. The PL/pgSQL functions check
 * every argument themselves and say what is wrong in words a DBA can act on; the engine passes
 * those words on unchanged, as refusals (exit 2) when the functions refused the input, so that SQL
 * users and command-line users read the same message.
 */
final class WatermarkErrors {

    private WatermarkErrors() {
    }

    static TrickleException translate(String doing, SQLException e, ConnectionTarget target) {
        String state = String.valueOf(e.getSQLState());
        String message = serverMessage(e);
        if (state.equals("42704") || state.equals("42P01")) {
            return new NotFoundException(message);
        }
        if (state.startsWith("22") || state.equals("42710") || state.equals("42809")) {
            return new InvalidInputException(message, e);
        }
        if (state.equals("42501")) {
            // The functions check who calls them and refuse before anything changes (issue 18).
            return new InvalidInputException(message + hint(e), e);
        }
        if (state.equals("42883")) {
            return new ActionFailedException(doing + " failed: the Trickle catalog in " + target.describe()
                    + " predates watermarks; upgrade it with 'trickle install'", e);
        }
        return SqlErrors.acting(doing, e, target);
    }

    /** The server's hint, as a sentence of its own, or nothing. */
    static String hint(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getHint() != null) {
            return " (" + p.getServerErrorMessage().getHint().replaceAll("\\.$", "") + ")";
        }
        return "";
    }

    /** The server's own message, without the severity, hint and context lines the driver adds. */
    static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage server = p.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
