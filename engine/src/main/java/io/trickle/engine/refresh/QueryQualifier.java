package io.trickle.engine.refresh;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.dvm.translate.Names;
import io.trickle.engine.sql.ParserWords;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.WithItem;
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
            Statement statement = CCJSqlParserUtil.parse(ParserWords.quoteNames(sql));
            Set<String> cteNames = cteNames(statement);
            SQLException[] failure = new SQLException[1];
            boolean[] unresolved = new boolean[1];
            new TablesNamesFinder<Void>() {
                @Override
                public <S> Void visit(Table table, S context) {
                    // A name that a WITH item defines may denote the CTE: it is left as written.
                    if (table.getSchemaName() == null && cteNames.contains(Names.normalize(table.getName()))) {
                        return null;
                    }
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

    /**
     * The stored query with relations renamed ({@code old → new}, all at once, so that swapped names
     * stay swapped): each renamed relation in FROM gets its old name as alias when it had none, so that
     * the query's {@code t.col} references keep meaning what they meant. Empty when the parser cannot
     * follow the query.
     */
    static Optional<String> rename(String sql, Map<QualifiedName, QualifiedName> renames) {
        try {
            Statement statement = CCJSqlParserUtil.parse(ParserWords.quoteNames(sql));
            new TablesNamesFinder<Void>() {
                @Override
                public <S> Void visit(Table table, S context) {
                    QualifiedName renamed = table.getSchemaName() == null ? null : renames.get(nameOf(table));
                    if (renamed != null) {
                        if (table.getAlias() == null) {
                            table.setAlias(new Alias(PgQuote.ident(Names.normalize(table.getName())), true));
                        }
                        table.setSchemaName(PgQuote.ident(renamed.schema()));
                        table.setName(PgQuote.ident(renamed.name()));
                    }
                    return null;
                }

                @Override
                public <S> Void visit(Column column, S context) {
                    // schema.table.column: after the rename the table is known by its alias only.
                    Table table = column.getTable();
                    if (table != null && table.getSchemaName() != null && renames.containsKey(nameOf(table))) {
                        column.setTable(new Table(PgQuote.ident(Names.normalize(table.getName()))));
                    }
                    return null;
                }
            }.getTables(statement);
            return Optional.of(statement.toString());
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static QualifiedName nameOf(Table table) {
        return QualifiedName.of(Names.normalize(table.getSchemaName()), Names.normalize(table.getName()));
    }

    /** The names of all WITH items anywhere in the statement. */
    private static Set<String> cteNames(Statement statement) {
        Set<String> names = new HashSet<>();
        new TablesNamesFinder<Void>() {
            @Override
            public <S> Void visit(WithItem<?> withItem, S context) {
                names.add(Names.normalize(withItem.getAlias().getName()));
                return super.visit(withItem, context);
            }
        }.getTables(statement);
        return names;
    }
}
