package io.trickle.engine.dvm.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.sql.UnsupportedConstruct;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Expressions are written with every column reference resolved. The parser's own deparser prints
 * some constructs as text, which would keep a reference unresolved or drop part of it (a subscript,
 * a collation): each such construct is written through the resolver here.
 */
class ExprWriterTest {

    /** Every column {@code x} resolves to {@code R_x}, so unresolved text is easy to spot. */
    private static final ExprWriter.Resolver RENAMING = new ExprWriter.Resolver() {
        @Override
        public ColumnId column(Column column) {
            return new ColumnId("R_" + column.getColumnName());
        }

        @Override
        public Expr window(AnalyticExpression call) {
            return null;
        }
    };

    private static Expression parse(String sql) throws Exception {
        PlainSelect ps = (PlainSelect) CCJSqlParserUtil.parse("SELECT " + sql + " FROM t");
        return ps.getSelectItems().get(0).getExpression();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d.tags[1]                        | (R_tags)[1]",
            "t.a[i + 1]                       | (R_a)[R_i + 1]",
            "d.attrs -> 'list'                | (R_attrs) -> 'list'",
            "d.attrs ->> k                    | (R_attrs) ->> R_k",
            "x COLLATE \"C\"                  | (R_x) COLLATE \"C\"",
            "a IS DISTINCT FROM b             | R_a IS DISTINCT FROM R_b",
            "a IS NOT DISTINCT FROM b         | R_a IS NOT DISTINCT FROM R_b",
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY v) | percentile_cont(0.5) WITHIN GROUP (ORDER BY R_v)",
            "string_agg(s, ',' ORDER BY s)    | string_agg(R_s, ',' ORDER BY R_s)",
            "rank() OVER (PARTITION BY g ORDER BY v) | rank() OVER (PARTITION BY R_g ORDER BY R_v)",
            "sum(v) FILTER (WHERE v > 1)      | sum(R_v) FILTER (WHERE R_v > 1)",
    })
    void everyColumnReferenceIsResolved(String sql, String expected) throws Exception {
        assertEquals(expected, ExprWriter.write(parse(sql), RENAMING).explain());
    }

    @Test
    void aWholeRowReferenceInsideAnExpressionIsRefusedByName() {
        UnsupportedConstruct e = assertThrows(UnsupportedConstruct.class,
                () -> ExprWriter.write(parse("row_to_json(o.*)"), RENAMING));
        assertTrue(e.construct().contains("whole-row reference (o.*)"), e.construct());
    }

    @Test
    void composedPartsKeepTheirPrecedence() {
        Expr isNull = new Expr(Expr.marker(0) + " IS NULL", java.util.List.of(new ColumnId("x")));
        Expr same = Expr.compose(java.util.List.of(Expr.column(new ColumnId("k")), isNull),
                p -> p.get(0) + " IS NOT DISTINCT FROM " + p.get(1));
        assertEquals("k IS NOT DISTINCT FROM (x IS NULL)", same.explain());
    }

    @Test
    void inFollowedByOrIsTwoPredicatesNotOne() throws Exception {
        // JSqlParser 5.3 read this as x IN ((SELECT …) OR y > 6); 5.4 reads it as PostgreSQL does.
        Expression e = CCJSqlParserUtil.parseCondExpression("x IN (SELECT 1) OR y > 6");
        assertTrue(e instanceof net.sf.jsqlparser.expression.operators.conditional.OrExpression, e.getClass().getName());
    }
}
