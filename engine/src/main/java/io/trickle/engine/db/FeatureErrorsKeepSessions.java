package io.trickle.engine.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * HikariCP counts SQLSTATE 0A000 among the states that mean a broken connection and evicts the
 * session. PostgreSQL uses it for an ordinary error the session survives: a query it refuses to plan
 * ("FULL JOIN is only supported with merge-joinable or hash-joinable join conditions"). Evicting
 * there closed the connection under the caller, who then reported "Connection is closed" instead of
 * PostgreSQL's own words; every other state keeps Hikari's judgement.
 */
public final class FeatureErrorsKeepSessions implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return "0A000".equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
    }
}
