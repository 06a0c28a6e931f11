package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.QualifiedName;
import java.util.Objects;

/**
 * Something in the connected database that a view can select and publish through the selection
 * service: the navigator, the dependency graph and the properties view all speak of these. Items are
 * values named by what the DBA sees, so a selection stays valid across reloads of the catalog.
 */
public sealed interface CatalogItem {

    /** What the item is called where it is shown. */
    String label();

    /** The connected database itself. */
    record Database(String name) implements CatalogItem {
        public Database {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String label() {
            return name;
        }
    }

    /** A schema that holds stream tables or their sources. */
    record Schema(String name) implements CatalogItem {
        public Schema {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String label() {
            return name;
        }
    }

    /**
     * A stream table, or a relation one reads (table, view, …).
     *
     * @param name qualified name as the engine prints it, quoted where PostgreSQL needs quotes
     */
    record Relation(String name, DependencyGraph.Kind kind) implements CatalogItem {
        public Relation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        public static Relation streamTable(String name) {
            return new Relation(name, DependencyGraph.Kind.STREAM_TABLE);
        }

        public boolean isStreamTable() {
            return kind == DependencyGraph.Kind.STREAM_TABLE;
        }

        /** The schema part, exactly as stored. */
        public String schema() {
            return QualifiedName.parse(name).schema();
        }

        /** The name without its schema, as a DBA would type it. */
        public String simpleName() {
            return QualifiedName.display(QualifiedName.parse(name).name());
        }

        @Override
        public String label() {
            return name;
        }
    }

    /** A strongly connected component: stream tables that read each other, refreshed to a fixpoint. */
    record Scc(int id) implements CatalogItem {
        @Override
        public String label() {
            return "SCC " + id;
        }
    }

    /** The place of the watermark groups. */
    record WatermarkGroups() implements CatalogItem {
        @Override
        public String label() {
            return "Watermark groups";
        }
    }

    /** A watermark group: sources that must be loaded to the same point before their readers refresh. */
    record WatermarkGroup(String name) implements CatalogItem {
        @Override
        public String label() {
            return "Watermark group " + name;
        }
    }

    /** The place of the cycles (SCCs). */
    record Cycles() implements CatalogItem {
        @Override
        public String label() {
            return "Cycles (SCCs)";
        }
    }
}
