package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.dvm.render.State;
import io.trickle.engine.dvm.render.StateRenderer;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the delta rules share while one delta query is written: the CTEs written so far (in order,
 * each named {@code __pgt_d<n>_<operator>}), where each source's change window is, and the type of
 * every column of the tree.
 */
public final class DeltaContext {

    private final SourceWindows windows;
    private final Map<ColumnId, PgType> types;
    private final List<Cte> ctes = new ArrayList<>();
    private final Map<Operator, String> boundOld = new IdentityHashMap<>();
    private final Map<String, String> recursiveBindings = new HashMap<>();
    private final Set<State> statesRead = EnumSet.noneOf(State.class);

    public DeltaContext(SourceWindows windows, Map<ColumnId, PgType> types) {
        this.windows = windows;
        this.types = Map.copyOf(types);
    }

    /** Adds a CTE and returns its (quoted) name. */
    public String cte(String operator, String sql) {
        String name = SqlWriter.ident(ReservedNames.deltaCte(ctes.size() + 1, operator));
        ctes.add(new Cte(name, sql, false));
        return name;
    }

    /** Adds a CTE that PostgreSQL inlines wherever it is read ({@code NOT MATERIALIZED}). */
    String inlinedCte(String operator, String sql) {
        String name = SqlWriter.ident(ReservedNames.deltaCte(ctes.size() + 1, operator));
        ctes.add(new Cte(name, sql, true));
        return name;
    }

    public PgType type(ColumnId id) {
        PgType t = types.get(id);
        if (t == null) {
            throw new IllegalStateException("no type known for column " + id);
        }
        return t;
    }

    public SourceWindows windows() {
        return windows;
    }

    public String newState(Operator op) {
        statesRead.add(State.NEW);
        return StateRenderer.render(op, State.NEW, windows, recursiveBindings);
    }

    public String oldState(Operator op) {
        String bound = boundOld.get(op);
        if (bound != null) {
            return bound;
        }
        statesRead.add(State.OLD);
        return StateRenderer.render(op, State.OLD, windows, recursiveBindings);
    }

    /**
     * Which states of the sources the delta written so far reads besides the change windows (the
     * storage table bound as an old state does not count): what the operators' {@link
     * io.trickle.engine.dvm.op.DeltaReads} declarations promise, and the golden tests check.
     */
    public Set<State> statesRead() {
        return EnumSet.copyOf(statesRead);
    }

    /**
     * Says that {@code op}'s state before the window is already at hand as {@code sql} (the storage
     * table, when {@code op} is the query): recomputing rules read it instead of evaluating the
     * operator over the old sources.
     */
    public void bindOldState(Operator op, String sql) {
        boundOld.put(op, sql);
    }

    public boolean hasBoundOldState(Operator op) {
        return boundOld.containsKey(op);
    }

    /** While differentiating a recursive term: its working table reads {@code relation}; null unbinds. */
    void bindRecursiveReference(String name, String relation) {
        if (relation == null) {
            recursiveBindings.remove(name);
        } else {
            recursiveBindings.put(name, relation);
        }
    }

    /** {@code WITH c1 AS (…), c2 AS (…) <select>}. */
    public String withCtes(String select) {
        if (ctes.isEmpty()) {
            return select;
        }
        StringBuilder sb = new StringBuilder("WITH ");
        for (int i = 0; i < ctes.size(); i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            Cte cte = ctes.get(i);
            sb.append(cte.name()).append(cte.inlined() ? " AS NOT MATERIALIZED (\n  " : " AS (\n  ").append(cte.sql()).append("\n)");
        }
        return sb.append('\n').append(select).toString();
    }

    /** One CTE of the delta; an inlined one is read as its query wherever it is referenced. */
    private record Cte(String name, String sql, boolean inlined) {
    }
}
