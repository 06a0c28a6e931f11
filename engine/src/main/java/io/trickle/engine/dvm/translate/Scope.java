package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a query's expressions can see: each FROM item under its alias with its columns, in
 * FROM order. Resolution follows PostgreSQL's rules (an unqualified name must be unique among the
 * items; a qualified one names an alias, or a table by name when it has no alias).
 */
final class Scope {

    /** One FROM item. {@code relation} is set when it is a base relation (for key and dependency rules). */
    record Entry(String alias, Relation relation, boolean aliased, LinkedHashMap<String, ColumnId> columns) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** FROM items that yield one value of a base type (a set-returning function's): their name used as a value. */
    private final Map<String, ColumnId> scalarItems = new LinkedHashMap<>();
    /** Columns merged by USING/NATURAL: an unqualified reference means this id. */
    private final Map<String, ColumnId> merged = new LinkedHashMap<>();
    /** Per FROM item, the names of its columns a USING/NATURAL join merged (left out of SELECT *). */
    private final Map<String, java.util.Set<String>> hiddenByMerge = new LinkedHashMap<>();
    /** The enclosing query's scope, for correlated subqueries and LATERAL; null at the top. */
    private final Scope outer;

    Scope() {
        this(null);
    }

    Scope(Scope outer) {
        this.outer = outer;
    }

    Scope outer() {
        return outer;
    }

    /**
     * Resolves a reference here first, then in the enclosing scopes (a correlated reference).
     * PostgreSQL has accepted the query, so a name that resolves nowhere is the translator's gap.
     */
    Optional<ColumnId> resolveAnywhere(String schema, String table, String column) {
        for (Scope s = this; s != null; s = s.outer) {
            Optional<ColumnId> id = s.resolve(schema, table, column);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** Whether a column belongs to this scope's own FROM items (not to an enclosing query). */
    boolean isLocal(ColumnId id) {
        return merged.containsValue(id) || entries.stream().anyMatch(e -> e.columns().containsValue(id));
    }

    void add(Entry entry) {
        for (Entry e : entries) {
            if (e.alias().equals(entry.alias())) {
                throw new UnsupportedConstruct("two FROM items share the name " + entry.alias());
            }
        }
        entries.add(entry);
    }

    /**
     * A FROM item whose rows are single values of a base type: as in PostgreSQL, its name, where no
     * column of that name is visible, is a whole-row reference, which for such an item is the value.
     */
    void addScalarItem(String name, ColumnId id) {
        scalarItems.put(name, id);
    }

    /**
     * Records that a USING or NATURAL join merged the columns called {@code name} of the FROM items
     * {@code joined} into the column {@code id}: a bare reference means {@code id}, and {@code SELECT *}
     * shows it once, first, instead of each item's own.
     */
    void addMerged(String name, ColumnId id, List<Entry> joined) {
        merged.put(name, id);
        for (Entry e : joined) {
            hiddenByMerge.computeIfAbsent(e.alias(), k -> new java.util.HashSet<>()).add(name);
        }
    }

    /** The columns {@code SELECT *} yields, name → id, in PostgreSQL's order: merged columns first. */
    List<Map.Entry<String, ColumnId>> starColumns() {
        List<Map.Entry<String, ColumnId>> out = new ArrayList<>();
        if (!hiddenByMerge.isEmpty()) {
            merged.forEach((name, id) -> out.add(Map.entry(name, id)));
        }
        for (Entry e : entries) {
            java.util.Set<String> hidden = hiddenByMerge.getOrDefault(e.alias(), java.util.Set.of());
            e.columns().forEach((name, id) -> {
                if (!hidden.contains(name)) {
                    out.add(Map.entry(name, id));
                }
            });
        }
        return out;
    }

    /** The column a USING or NATURAL join merged under {@code name}, if any. */
    Optional<ColumnId> mergedColumn(String name) {
        return Optional.ofNullable(merged.get(name));
    }

    List<Entry> entries() {
        return entries;
    }

    Optional<Entry> entry(String schema, String table) {
        for (Entry e : entries) {
            boolean nameMatches = e.alias().equals(table);
            if (nameMatches && (schema == null || (e.relation() != null && !e.aliased()
                    && e.relation().schema().equals(schema)))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Resolves a column reference; {@code schema} and {@code table} may be null. */
    Optional<ColumnId> resolve(String schema, String table, String column) {
        if (table == null) {
            ColumnId m = merged.get(column);
            if (m != null) {
                return Optional.of(m);
            }
            ColumnId found = null;
            for (Entry e : entries) {
                ColumnId id = e.columns().get(column);
                if (id != null) {
                    if (found != null) {
                        throw new UnsupportedConstruct("column reference \"" + column + "\" is ambiguous");
                    }
                    found = id;
                }
            }
            return found != null ? Optional.of(found) : Optional.ofNullable(scalarItems.get(column));
        }
        return entry(schema, table).map(e -> e.columns().get(column));
    }

    /** The FROM item a column id belongs to. */
    Optional<Entry> owner(ColumnId id) {
        return entries.stream().filter(e -> e.columns().containsValue(id)).findFirst();
    }
}
