package io.trickle.desktop.views.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.sql.SqlCompletion.Kind;
import io.trickle.desktop.views.sql.SqlCompletion.Proposal;
import io.trickle.desktop.views.sql.SqlCompletion.Result;
import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.RelationOutline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completion of schema, relation and column names from the catalog, without a display. */
class SqlCompletionTest {

    private static final List<RelationOutline> CATALOG = List.of(
            new RelationOutline("shop", "orders", "table", List.of(new ColumnInfo("id", "integer"),
                    new ColumnInfo("customer_id", "integer"), new ColumnInfo("ordered_at", "timestamp with time zone"))),
            new RelationOutline("shop", "order_items", "table", List.of(new ColumnInfo("order_id", "integer"),
                    new ColumnInfo("quantity", "integer"))),
            new RelationOutline("shop", "customers", "table", List.of(new ColumnInfo("id", "integer"),
                    new ColumnInfo("name", "text"))),
            new RelationOutline("Sales Dept", "Big Deals", "view", List.of(new ColumnInfo("Amount", "numeric"))),
            new RelationOutline("public", "notes", "table", List.of(new ColumnInfo("body", "text"))));

    @Test
    void afterASchemaOffersItsRelations() {
        String text = "SELECT * FROM shop.ord";
        Result r = SqlCompletion.at(text, text.length(), CATALOG);
        assertEquals(List.of("orders", "order_items"), labels(r));
        assertEquals(text.length() - 3, r.from(), "only the part after the dot is replaced");
        assertEquals(List.of(Kind.RELATION, Kind.RELATION), r.proposals().stream().map(Proposal::kind).toList());
    }

    @Test
    void afterAnAliasOffersTheColumnsOfTheRelationItStandsFor() {
        String text = "SELECT o.c FROM shop.orders o JOIN shop.customers AS c ON c.id = o.customer_id";
        int caret = "SELECT o.c".length();
        assertEquals(List.of("customer_id"), labels(SqlCompletion.at(text, caret, CATALOG)));
        String other = "SELECT c. FROM shop.orders o JOIN shop.customers AS c ON true";
        assertEquals(List.of("id", "name"), labels(SqlCompletion.at(other, "SELECT c.".length(), CATALOG)));
    }

    @Test
    void aBareWordOffersTheStatementsColumnsFirstThenRelationsSchemasAndKeywords() {
        String text = "SELECT or FROM shop.orders";
        Result r = SqlCompletion.at(text, "SELECT or".length(), CATALOG);
        assertEquals(List.of("ordered_at", "ORDER BY", "OR"), labels(r).stream()
                .filter(l -> !l.startsWith("shop.")).toList());
        assertEquals(Kind.COLUMN, r.proposals().get(0).kind());
        Result s = SqlCompletion.at("SELECT * FROM sh", "SELECT * FROM sh".length(), CATALOG);
        assertTrue(labels(s).containsAll(List.of("shop.orders", "shop.order_items", "shop.customers", "shop.")), labels(s).toString());
    }

    @Test
    void namesThatNeedQuotesAreInsertedQuoted() {
        Result r = SqlCompletion.at("SELECT * FROM \"Sales Dept\".", "SELECT * FROM \"Sales Dept\".".length(), CATALOG);
        assertEquals(List.of(new Proposal("Big Deals", "\"Big Deals\"", "view", Kind.RELATION)), r.proposals());
        String cols = "SELECT d. FROM \"Sales Dept\".\"Big Deals\" d";
        assertEquals(List.of("\"Amount\""), SqlCompletion.at(cols, "SELECT d.".length(), CATALOG).proposals().stream()
                .map(Proposal::insert).toList());
    }

    private static List<String> labels(Result r) {
        return r.proposals().stream().map(Proposal::label).toList();
    }
}
