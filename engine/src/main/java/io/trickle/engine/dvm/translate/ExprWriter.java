package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.OverlapsCondition;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;

/**
 * Writes a JSqlParser expression as an {@link Expr}: PostgreSQL text with every column reference
 * replaced by a marker. It is JSqlParser's own deparser with a few hooks: column references are
 * resolved through the {@link Resolver}; any subexpression the resolver recognises (a grouping key
 * or an aggregate, above a GROUP BY) becomes a reference to that column; constructs that are not
 * scalar expressions over the current row (subqueries, window functions, parameters) are refused
 * with their name.
 */
final class ExprWriter extends ExpressionDeParser {

    /** How names and known subexpressions map to columns. */
    interface Resolver {
        /** The column a reference denotes. */
        ColumnId column(Column column);

        /** A column that stands for this whole subexpression, if any. */
        default Optional<Expr> whole(Expression expression) {
            return Optional.empty();
        }

        /** A subquery inside an expression (scalar, EXISTS, IN, ANY/ALL): the column computing it. */
        default Expr sublink(Expression sublink) {
            throw new UnsupportedConstruct("subquery in an expression here");
        }

        /** A window function call: the column computing it, or null to write the call itself. */
        default Expr window(AnalyticExpression call) {
            throw new UnsupportedConstruct("window function " + call.getName().toLowerCase(java.util.Locale.ROOT) + "() here");
        }
    }

    private final Resolver resolver;
    private final List<ColumnId> refs = new ArrayList<>();

    private ExprWriter(Resolver resolver) {
        this.resolver = resolver;
    }

    static Expr write(Expression expression, Resolver resolver) {
        ExprWriter w = new ExprWriter(resolver);
        w.setBuilder(new StringBuilder());
        expression.accept(w, null);
        return new Expr(w.getBuilder().toString(), w.refs);
    }

    private boolean substituted(Expression e) {
        Optional<Expr> replacement = resolver.whole(e);
        if (replacement.isEmpty()) {
            return false;
        }
        append(replacement.get());
        return true;
    }

    private void append(Expr e) {
        String text = e.render(id -> {
            refs.add(id);
            return Expr.marker(refs.size() - 1);
        });
        builder.append(e.asColumn().isPresent() ? text : "(" + text + ")");
    }

    @Override
    public <S> StringBuilder visit(Column column, S context) {
        if (substituted(column)) {
            return builder;
        }
        if (column.getTable() == null && isKeywordFunction(column.getColumnName())) {
            builder.append(column.getColumnName());
            return builder;
        }
        ArrayConstructor subscript = column.getArrayConstructor();
        if (subscript == null) {
            append(Expr.column(resolver.column(column)));
            return builder;
        }
        // a[i] and a[i:j]: the parser keeps the subscript on the column; it is written after it.
        Column bare = new Column(column.getTable(), column.getColumnName());
        builder.append('(');
        append(Expr.column(resolver.column(bare)));
        builder.append(")[");
        boolean first = true;
        for (Expression index : subscript.getExpressions()) {
            if (!first) {
                builder.append("][");
            }
            first = false;
            index.accept(this, context);
        }
        builder.append(']');
        return builder;
    }

    /** {@code a -> 'k' ->> 'j'}: the parser's deparser writes it as text, bypassing column resolution. */
    @Override
    public <S> StringBuilder visit(JsonExpression e, S context) {
        if (substituted(e)) {
            return builder;
        }
        builder.append('(');
        e.getExpression().accept(this, context);
        builder.append(')');
        for (Map.Entry<Expression, String> ident : e.getIdentList()) {
            builder.append(' ').append(ident.getValue()).append(' ');
            ident.getKey().accept(this, context);
        }
        return builder;
    }

    @Override
    public <S> StringBuilder visit(IsDistinctExpression e, S context) {
        if (substituted(e)) {
            return builder;
        }
        e.getLeftExpression().accept(this, context);
        builder.append(e.isNot() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        e.getRightExpression().accept(this, context);
        return builder;
    }

    @Override
    public <S> StringBuilder visit(AllTableColumns e, S context) {
        throw new UnsupportedConstruct("a whole-row reference (" + e + ") inside an expression");
    }

    @Override
    public <S> StringBuilder visit(OverlapsCondition e, S context) {
        throw new UnsupportedConstruct("OVERLAPS");
    }

    /** Words JSqlParser reads as column names that PostgreSQL reads as functions. */
    static boolean isKeywordFunction(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "current_user", "session_user", "current_role", "user", "current_catalog", "current_schema",
                 "localtime", "localtimestamp", "current_date", "current_time", "current_timestamp", "system_user" -> true;
            default -> false;
        };
    }

    @Override
    public <S> StringBuilder visit(Function function, S context) {
        return substituted(function) ? builder : super.visit(function, context);
    }

    @Override
    public <S> StringBuilder visit(AnalyticExpression e, S context) {
        if (substituted(e)) {
            return builder;
        }
        if (isWindowCall(e)) {
            Expr column = resolver.window(e);
            if (column != null) {
                append(column);
                return builder;
            }
        }
        return super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(ExpressionList<? extends Expression> list, S context) {
        return substituted(list) ? builder : super.visit(list, context);
    }

    static boolean isWindowCall(AnalyticExpression e) {
        return e.getType() == AnalyticType.OVER || e.getType() == AnalyticType.WITHIN_GROUP_OVER
                || e.getWindowElement() != null || e.getWindowName() != null || hasPartition(e);
    }

    /** The parser gives an empty partition list to calls without OVER as well. */
    static boolean hasPartition(AnalyticExpression e) {
        return e.getPartitionExpressionList() != null && !e.getPartitionExpressionList().isEmpty();
    }

    @Override
    public <S> StringBuilder visit(ParenthesedSelect select, S context) {
        append(resolver.sublink(select));
        return builder;
    }

    @Override
    public <S> StringBuilder visit(Select select, S context) {
        append(resolver.sublink(select));
        return builder;
    }

    @Override
    public <S> StringBuilder visit(ExistsExpression e, S context) {
        append(resolver.sublink(e));
        return builder;
    }

    @Override
    public <S> StringBuilder visit(AnyComparisonExpression e, S context) {
        throw new UnsupportedConstruct(e.getAnyType() + " (subquery) outside a comparison");
    }

    @Override
    public <S> StringBuilder visit(InExpression e, S context) {
        if (e.getRightExpression() instanceof Select) {
            append(resolver.sublink(e));
            return builder;
        }
        return substituted(e) ? builder : super.visit(e, context);
    }

    /** {@code x op ANY/ALL (subquery)}: the comparison as a whole is the sublink. */
    private boolean quantified(net.sf.jsqlparser.expression.BinaryExpression e) {
        if (e.getRightExpression() instanceof AnyComparisonExpression) {
            append(resolver.sublink(e));
            return true;
        }
        return false;
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter p, S context) {
        throw new UnsupportedConstruct("query parameter");
    }

    @Override
    public <S> StringBuilder visit(JdbcNamedParameter p, S context) {
        throw new UnsupportedConstruct("query parameter");
    }

    @Override
    public <S> StringBuilder visit(Addition e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Subtraction e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Multiplication e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Division e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(IntegerDivision e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Modulo e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Concat e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(CaseExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(CastExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(ExtractExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(SignedExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(TimezoneExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(ArrayExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(ArrayConstructor e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(CollateExpression e, S context) {
        if (substituted(e)) {
            return builder;
        }
        builder.append('(');
        e.getLeftExpression().accept(this, context);
        builder.append(") COLLATE ").append(e.getCollate());
        return builder;
    }

    @Override
    public <S> StringBuilder visit(TrimFunction e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(IsNullExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(IsBooleanExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(EqualsTo e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(NotEqualsTo e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(GreaterThan e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(GreaterThanEquals e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(MinorThan e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(MinorThanEquals e, S context) {
        return substituted(e) || quantified(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(LikeExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(Between e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(JsonOperator e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(AndExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(OrExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }

    @Override
    public <S> StringBuilder visit(NotExpression e, S context) {
        return substituted(e) ? builder : super.visit(e, context);
    }
}
