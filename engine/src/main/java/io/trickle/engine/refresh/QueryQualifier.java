package io.trickle.engine.refresh;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.SQLException;
import java.util.Optional;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The query with every relation schema-qualified (DESIGN §2), so that what it reads does not depend
 * on the search_path of whoever refreshes it. When the parser cannot follow the query, it is kept as
 * written (the creator's search_path, stored with it, resolves it the same way).
 */
final class QueryQualifier {

    private QueryQualifier() {
    }

    static Optional<String> qualify(String sql, RelationCatalog catalog) {
        try {
            Statement statement = CCJSqlParserUtil.parse(sql);
            SQLException[] failure = new SQLException[1];
            boolean[] unresolved = new boolean[1];
            new TablesNamesFinder<Void>() {
                @Override
                public <S> Void visit(Table table, S context) {
                    try {
                        Optional<Relation> r = catalog.byName(table.getFullyQualifiedName());
                        if (r.isPresent()) {
                            table.setSchemaName(PgQuote.ident(r.get().schema()));
                            table.setName(PgQuote.ident(r.get().name()));
                        } else {
                            unresolved[0] = true;
                        }
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                    return null;
                }
            }.getTables(statement);
            if (failure[0] != null || unresolved[0]) {
                return Optional.empty();
            }
            return Optional.of(statement.toString());
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }
}
