package io.trickle.desktop.views.catalog;

/**
 * What the catalog views say when they have nothing to show, so that the navigator, the graph and the
 * history tell the DBA the same thing and what to do next.
 */
public final class EmptyStates {

    private EmptyStates() {
    }

    /** The headline and the hint for a catalog state; null when there is something to show. */
    public static Message of(CatalogModel.State state, String problem, boolean noTables) {
        switch (state) {
            case NOT_CONNECTED:
                return new Message("Not connected", "Connect to a database in Connections (double-click a profile, "
                        + "or Ctrl+K).");
            case CHECKING:
            case LOADING:
                return new Message("Reading the catalog…", "");
            case NO_CATALOG:
                return new Message("No Trickle catalog", "This database has no stream tables yet. Database ▸ Install "
                        + "or Upgrade Catalog… sets it up.");
            case OUTDATED_CATALOG:
                return new Message("Catalog needs an upgrade", problem + ". Database ▸ Install or Upgrade Catalog… "
                        + "upgrades it in place.");
            case FAILED:
                return new Message("Could not read the catalog", problem + " Press F5 to try again.");
            default:
                return noTables ? new Message("No stream tables yet", "Database ▸ New Stream Table… (Ctrl+Shift+N) "
                        + "defines one by a query.") : null;
        }
    }

    /** A headline and a sentence on what to do. */
    public record Message(String title, String hint) {
    }
}
