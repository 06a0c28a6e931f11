package io.trickle.desktop.services;

/**
 * What {@code alter} changes of a stream table; a null part stays as it is.
 *
 * @param query    a new defining query (the table is re-derived and repopulated)
 * @param schedule a new schedule
 * @param mode     a new refresh mode
 * @param status   ACTIVE or SUSPENDED
 */
public record StreamTableChange(String query, String schedule, String mode, String status) {

    public boolean isEmpty() {
        return query == null && schedule == null && mode == null && status == null;
    }

    /** True when the change rebuilds the table's contents, which the DBA is asked to confirm. */
    public boolean rebuildsContents() {
        return query != null;
    }
}
