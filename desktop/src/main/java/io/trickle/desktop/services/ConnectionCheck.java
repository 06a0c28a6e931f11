package io.trickle.desktop.services;

/**
 * What "Test connection" found.
 *
 * @param database {@code host:port/database} that answered
 * @param catalog  the catalog found there
 */
public record ConnectionCheck(String database, CatalogStatus catalog) {

    public String describe() {
        return "Connected to " + database + ": " + catalog.describe() + ".";
    }
}
