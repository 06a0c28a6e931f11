/**
 * What the catalog views share: the {@link io.trickle.desktop.views.catalog.CatalogModel} (the
 * connected database's stream tables and dependency graph, read again after every change and every
 * few seconds), the {@link io.trickle.desktop.views.catalog.CatalogItem}s they publish through the
 * workbench's selection service, each table's {@link io.trickle.desktop.views.catalog.StreamTableState}
 * (one rule for the navigator's icons, the graph's colours and the properties), one-click refresh in
 * dependency order ({@link io.trickle.desktop.views.catalog.RefreshQueue}), dropping with a question,
 * and the command lines shown before anything changes.
 *
 * <h2>How selection flows</h2>
 * The navigator and the graph publish what the DBA selects in them (catalog items) to the
 * {@link io.trickle.desktop.workbench.SelectionService}; each follows what the other published, without
 * publishing it back; the properties view shows the first selected item; Refresh, Edit and Drop act on
 * the selection. A stream table's editor is opened from the selection (F4, double-click).
 *
 * <p>Feature packages (navigator, properties, dag, history, editor) depend on this one and never on
 * each other (ArchitectureTest).
 */
package io.trickle.desktop.views.catalog;
