package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The common table expressions visible at a point of a query, as an immutable chain (innermost
 * last defined first). A non-recursive CTE is translated again at each reference, with the CTEs
 * visible where it was defined (so {@code WITH t AS (SELECT * FROM t)} reads the table t); each
 * reference is its own subtree, maintained differentially like a subquery. Inside its own recursive
 * term, a recursive CTE's name denotes the working table.
 */
final class Ctes {

    /**
     * A WITH item ({@code item} set), or the self-reference of the recursive CTE being translated
     * ({@code selfColumns}, {@code selfName} and {@code selfNames} set). {@code before} holds the CTEs
     * visible where it was defined.
     */
    record Definition(String name, WithItem<?> item, boolean recursive, Ctes before, List<ColumnId> selfColumns,
                      String selfName, List<String> selfNames) {
        boolean isSelfReference() {
            return selfColumns != null;
        }
    }

    private static final Ctes NONE = new Ctes(null, null);

    private final Ctes parent;
    private final Definition definition;

    private Ctes(Ctes parent, Definition definition) {
        this.parent = parent;
        this.definition = definition;
    }

    static Ctes none() {
        return NONE;
    }

    /** These CTEs and one more WITH item. */
    Ctes define(String name, WithItem<?> item, boolean recursive) {
        return new Ctes(this, new Definition(name, item, recursive, this, null, null, null));
    }

    /** Inside a recursive term: the CTE's own name is the working table with these columns. */
    Ctes withSelf(String name, List<ColumnId> columns, String sqlName, List<String> names) {
        return new Ctes(this, new Definition(name, null, true, this, List.copyOf(columns), sqlName, List.copyOf(names)));
    }

    Optional<Definition> find(String name) {
        for (Ctes c = this; c != null && c.definition != null; c = c.parent) {
            if (c.definition.name().equals(name)) {
                return Optional.of(c.definition);
            }
        }
        return Optional.empty();
    }
}
