package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.DependencyGraph;

/**
 * The icon of each kind of catalog item (Ikonli Feather literals), the same in the navigator, the
 * graph and the properties view.
 */
public final class CatalogIcons {

    public static final String STREAM_TABLE = "fth-droplet";
    public static final String TABLE = "fth-grid";
    public static final String VIEW = "fth-eye";
    public static final String FOREIGN_TABLE = "fth-external-link";
    public static final String SCHEMA = "fth-folder";
    public static final String DATABASE = "fth-database";
    public static final String SCC = "fth-repeat";
    public static final String WATERMARKS = "fth-flag";

    private CatalogIcons() {
    }

    public static String of(CatalogItem item) {
        if (item instanceof CatalogItem.Relation relation) {
            return of(relation.kind());
        }
        if (item instanceof CatalogItem.Schema) {
            return SCHEMA;
        }
        if (item instanceof CatalogItem.Database) {
            return DATABASE;
        }
        if (item instanceof CatalogItem.WatermarkGroups || item instanceof CatalogItem.WatermarkGroup) {
            return WATERMARKS;
        }
        return SCC;
    }

    public static String of(DependencyGraph.Kind kind) {
        switch (kind) {
            case STREAM_TABLE:
                return STREAM_TABLE;
            case VIEW:
            case MATERIALIZED_VIEW:
                return VIEW;
            case FOREIGN_TABLE:
                return FOREIGN_TABLE;
            default:
                return TABLE;
        }
    }
}
