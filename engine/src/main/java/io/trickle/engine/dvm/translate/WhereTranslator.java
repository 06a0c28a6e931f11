package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * WHERE → filters, semi-joins and anti-joins. The condition is expanded into disjoint branches
 * (each a conjunction of atoms) whose union is exactly the rows for which it is true: an OR
 * {@code d₁ OR … OR dₙ} holding subqueries becomes branches {@code dᵢ AND d₁ IS NOT TRUE AND … AND
 * dᵢ₋₁ IS NOT TRUE}, so that no row is counted twice, and several such ORs multiply their branches
 * (seed item DG-3). A subquery predicate becomes a semi- or anti-join whose condition keeps SQL's NULL
 * rules (NOT IN is an anti-join on {@code (x = y) IS NOT FALSE}; ALL one on {@code (x op y) IS NOT TRUE});
 * one that cannot (a correlated subquery with GROUP BY, say) is computed per row and filtered on.
 * Beyond {@value #MAX_BRANCHES} branches the query is refused for DIFFERENTIAL.
 */
final class WhereTranslator {

    static final int MAX_BRANCHES = 16;

    private final QueryTranslator query;

    WhereTranslator(QueryTranslator query) {
        this.query = query;
    }

    /** One conjunct of a branch. */
    private sealed interface Atom permits Plain, NotTrue, Sub {
    }

    /** A condition without subqueries (or computed per row): must be TRUE. */
    private record Plain(Expression expression) implements Atom {
    }

    /** A condition that must not be TRUE (false or NULL). */
    private record NotTrue(Expression expression) implements Atom {
    }

    /**
     * A subquery predicate. {@code form} says what must hold: TRUE, FALSE, NOT_TRUE or TRUE_OR_NULL
     * of the predicate {@code p} (EXISTS, IN, NOT IN, op ANY, op ALL).
     */
    private record Sub(Expression p, Form form) implements Atom {
    }

    private enum Form { TRUE, FALSE, NOT_TRUE, TRUE_OR_NULL }

    Operator apply(Operator input, List<Expression> conjuncts, Scope scope, Ctes ctes) {
        List<List<Atom>> branches = List.of(List.of());
        for (Expression c : conjuncts) {
            branches = product(branches, isTrue(c));
            guard(branches);
        }
        if (branches.size() == 1) {
            return applyAtoms(input, branches.get(0), scope, ctes);
        }
        List<Operator> ops = new ArrayList<>();
        for (List<Atom> b : branches) {
            ops.add(applyAtoms(input, b, scope, ctes));
        }
        return new UnionAll(ops, input.columns());
    }

    private static void guard(List<List<Atom>> branches) {
        if (branches.size() > MAX_BRANCHES) {
            throw new UnsupportedConstruct("OR with subqueries expanding to " + branches.size()
                    + " branches (more than " + MAX_BRANCHES + ")");
        }
    }

    private static List<List<Atom>> product(List<List<Atom>> a, List<List<Atom>> b) {
        List<List<Atom>> out = new ArrayList<>();
        for (List<Atom> x : a) {
            for (List<Atom> y : b) {
                List<Atom> both = new ArrayList<>(x);
                both.addAll(y);
                out.add(both);
            }
        }
        guard(out);
        return out;
    }

    private static List<List<Atom>> one(Atom atom) {
        return List.of(List.of(atom));
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            x = p.get(0);
        }
        return x;
    }

    /** Branches where e is TRUE. */
    private List<List<Atom>> isTrue(Expression expression) {
        Expression e = unwrap(expression);
        if (!hasSublink(e)) {
            return one(new Plain(e));
        }
        if (e instanceof AndExpression and) {
            return product(isTrue(and.getLeftExpression()), isTrue(and.getRightExpression()));
        }
        if (e instanceof OrExpression && !hasPredicate(e)) {
            // Only scalar subqueries: they are computed per row either way, so the OR stays one condition.
            return one(new Plain(e));
        }
        if (e instanceof OrExpression) {
            List<Expression> disjuncts = new ArrayList<>();
            flattenOr(e, disjuncts);
            List<List<Atom>> out = new ArrayList<>();
            for (int i = 0; i < disjuncts.size(); i++) {
                List<List<Atom>> branch = isTrue(disjuncts.get(i));
                for (int j = 0; j < i; j++) {
                    branch = product(branch, notTrue(disjuncts.get(j)));
                }
                out.addAll(branch);
                guard(out);
            }
            return out;
        }
        if (e instanceof NotExpression not && isPredicate(unwrap(not.getExpression()))) {
            return one(new Sub(unwrap(not.getExpression()), Form.FALSE));
        }
        if (isPredicate(e)) {
            return one(new Sub(e, Form.TRUE));
        }
        return one(new Plain(e));
    }

    /** Branches where e is NOT TRUE (false or NULL), disjoint. */
    private List<List<Atom>> notTrue(Expression expression) {
        Expression e = unwrap(expression);
        if (!hasSublink(e)) {
            return one(new NotTrue(e));
        }
        if (e instanceof AndExpression and) {
            List<List<Atom>> out = new ArrayList<>(notTrue(and.getLeftExpression()));
            out.addAll(product(isTrue(and.getLeftExpression()), notTrue(and.getRightExpression())));
            guard(out);
            return out;
        }
        if (e instanceof OrExpression && !hasPredicate(e)) {
            return one(new NotTrue(e));
        }
        if (e instanceof OrExpression or) {
            return product(notTrue(or.getLeftExpression()), notTrue(or.getRightExpression()));
        }
        if (e instanceof NotExpression not && isPredicate(unwrap(not.getExpression()))) {
            return one(new Sub(unwrap(not.getExpression()), Form.TRUE_OR_NULL));
        }
        if (isPredicate(e)) {
            return one(new Sub(e, Form.NOT_TRUE));
        }
        return one(new NotTrue(e));
    }

    private static void flattenOr(Expression e, List<Expression> out) {
        Expression x = unwrap(e);
        if (x instanceof OrExpression or) {
            flattenOr(or.getLeftExpression(), out);
            flattenOr(or.getRightExpression(), out);
        } else {
            out.add(x);
        }
    }

    /** EXISTS, [NOT] IN (subquery), op ANY/ALL (subquery). */
    private static boolean isPredicate(Expression e) {
        return e instanceof ExistsExpression
                || (e instanceof InExpression in && in.getRightExpression() instanceof Select)
                || (e instanceof BinaryExpression b && b.getRightExpression() instanceof AnyComparisonExpression);
    }

    /** Whether e holds a subquery predicate (EXISTS, IN, ANY/ALL), which a branch can make a semi-join. */
    private static boolean hasPredicate(Expression e) {
        return finds(e, false);
    }

    /** Whether e holds any subquery: a predicate, or a scalar subquery. */
    static boolean hasSublink(Expression e) {
        return finds(e, true);
    }

    private static boolean finds(Expression e, boolean scalarToo) {
        boolean[] found = new boolean[1];
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                found[0] |= scalarToo;
                return null;
            }

            // A scalar subquery (x < (SELECT …)) is a ParenthesedSelect, but JSqlParser 5 dispatches it
            // through visit(Select): without this, it passed for a plain condition and was applied
            // before the joins' conditions, over their cross product (TPC-H q17).
            @Override
            public <S> Void visit(Select select, S context) {
                found[0] |= scalarToo;
                return null;
            }

            @Override
            public <S> Void visit(ExistsExpression exists, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(AnyComparisonExpression any, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(InExpression in, S context) {
                if (in.getRightExpression() instanceof Select) {
                    found[0] = true;
                    return null;
                }
                return super.visit(in, context);
            }
        }, null);
        return found[0];
    }

    // ---------------------------------------------------------------------------------------------
    // Atoms → operators
    // ---------------------------------------------------------------------------------------------

    private Operator applyAtoms(Operator input, List<Atom> atoms, Scope scope, Ctes ctes) {
        // Cheapest first: conditions without subqueries straight over the FROM items (so that they
        // become join conditions), then semi- and anti-joins, then what must be computed per row.
        Operator op = filtered(input, atoms, false, scope, ctes);
        List<Sub> perRowSubs = new ArrayList<>();
        for (Atom a : atoms) {
            if (a instanceof Sub s) {
                Optional<Operator> joined = semiJoin(op, s, scope, ctes);
                if (joined.isPresent()) {
                    op = joined.get();
                } else {
                    perRowSubs.add(s);
                }
            }
        }
        op = filtered(op, atoms, true, scope, ctes);
        if (!perRowSubs.isEmpty()) {
            ExprContext ctx = ExprContext.over(query, scope, ctes, op);
            List<Expr> perRow = new ArrayList<>();
            for (Sub s : perRowSubs) {
                Expr value = ctx.write(s.p());
                perRow.add(Expr.compose(List.of(value), x -> switch (s.form()) {
                    case TRUE -> x.get(0);
                    case FALSE -> "NOT " + x.get(0);
                    case NOT_TRUE -> x.get(0) + " IS NOT TRUE";
                    case TRUE_OR_NULL -> x.get(0) + " IS NOT FALSE";
                }));
            }
            op = new Filter(ctx.current(), perRow);
        }
        if (!op.columns().equals(input.columns())) {
            List<NamedExpr> keep = new ArrayList<>();
            for (ColumnId id : input.columns()) {
                keep.add(new NamedExpr(id, Expr.column(id)));
            }
            op = new Project(op, keep);
        }
        return op;
    }

    /** The plain (TRUE) and NOT TRUE atoms with or without subqueries, as one filter over {@code input}. */
    private Operator filtered(Operator input, List<Atom> atoms, boolean withSubquery, Scope scope, Ctes ctes) {
        ExprContext ctx = ExprContext.over(query, scope, ctes, input);
        List<Expr> filters = new ArrayList<>();
        for (Atom a : atoms) {
            Expression e = a instanceof Plain p ? p.expression() : a instanceof NotTrue n ? n.expression() : null;
            if (e == null || hasSublink(e) != withSubquery) {
                continue;
            }
            Expr written = ctx.write(e);
            filters.add(a instanceof NotTrue ? Expr.compose(List.of(written), x -> x.get(0) + " IS NOT TRUE") : written);
        }
        return filters.isEmpty() ? ctx.current() : new Filter(ctx.current(), filters);
    }

    /**
     * The semi- or anti-join for a subquery predicate in a given form, or empty when its subquery is
     * correlated in a way only a per-row evaluation handles.
     */
    private Optional<Operator> semiJoin(Operator left, Sub s, Scope scope, Ctes ctes) {
        Expression p = s.p();
        SublinkTranslator sublinks = new SublinkTranslator(query);
        Select select;
        Expression lhs = null;
        String op = "=";
        Kind kind;
        if (p instanceof ExistsExpression ex) {
            select = SublinkTranslator.asSelect(ex.getRightExpression());
            kind = ex.isNot() ? Kind.NOT_EXISTS : Kind.EXISTS;
        } else if (p instanceof InExpression in) {
            select = SublinkTranslator.asSelect(in.getRightExpression());
            lhs = in.getLeftExpression();
            kind = in.isNot() ? Kind.NOT_IN : Kind.IN;
        } else {
            BinaryExpression b = (BinaryExpression) p;
            AnyComparisonExpression any = (AnyComparisonExpression) b.getRightExpression();
            select = any.getSelect();
            lhs = b.getLeftExpression();
            op = b.getStringExpression();
            kind = any.getAnyType() == AnyType.ALL ? Kind.ALL : Kind.ANY;
        }
        Optional<SublinkTranslator.SemiInput> input = sublinks.semiInput(select, scope, ctes, left);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        List<Expr> conditions = new ArrayList<>(input.get().correlation());
        if (lhs != null) {
            ExprContext ctx = ExprContext.over(query, scope, ctes, left);
            List<Expression> left2 = lhs instanceof ExpressionList<?> list ? new ArrayList<>(list) : List.of(lhs);
            List<Expr> l = new ArrayList<>();
            for (Expression x : left2) {
                l.add(ctx.write(x));
            }
            if (ctx.current() != left) {
                return Optional.empty();
            }
            List<Expr> r = input.get().items();
            if (l.size() != r.size()) {
                throw new UnsupportedConstruct("a subquery comparison with " + l.size() + " values for " + r.size() + " columns");
            }
            List<Expr> parts = new ArrayList<>(l);
            parts.addAll(r);
            String operator = op;
            Expr compare = Expr.compose(parts, x -> {
                int n = l.size();
                String ls = n == 1 ? x.get(0) : "(" + String.join(", ", x.subList(0, n)) + ")";
                String rs = n == 1 ? x.get(n) : "(" + String.join(", ", x.subList(n, 2 * n)) + ")";
                return ls + " " + operator + " " + rs;
            });
            conditions.add(kind.condition(compare, s.form()));
        }
        boolean anti = kind.anti(s.form());
        return Optional.of(new SemiJoin(anti, left, input.get().right(), conditions));
    }

    /**
     * Which join a predicate in a form becomes, and on what comparison. For x IN S: TRUE ⇔ some y with
     * x = y TRUE (semi on x = y); NOT TRUE ⇔ none (anti on x = y); FALSE ⇔ no y with x = y TRUE or NULL
     * (anti on (x = y) IS NOT FALSE); TRUE OR NULL ⇔ some such y (semi on it). NOT IN, ANY and ALL follow
     * from NOT IN = NOT (IN), ANY = IN with another operator, ALL = NOT (op' ANY) for the negated comparison.
     */
    private enum Kind {
        EXISTS, NOT_EXISTS, IN, NOT_IN, ANY, ALL;

        boolean anti(Form form) {
            return switch (this) {
                case EXISTS, IN, ANY -> form == Form.FALSE || form == Form.NOT_TRUE;
                case NOT_EXISTS, NOT_IN, ALL -> form == Form.TRUE || form == Form.TRUE_OR_NULL;
            };
        }

        Expr condition(Expr compare, Form form) {
            String suffix = switch (this) {
                case EXISTS, NOT_EXISTS -> "";
                case IN, ANY -> form == Form.TRUE || form == Form.NOT_TRUE ? "" : " IS NOT FALSE";
                case NOT_IN -> form == Form.TRUE || form == Form.NOT_TRUE ? " IS NOT FALSE" : "";
                case ALL -> form == Form.TRUE || form == Form.NOT_TRUE ? " IS NOT TRUE" : " IS FALSE";
            };
            return suffix.isEmpty() ? compare : Expr.compose(List.of(compare), x -> "(" + x.get(0) + ")" + suffix);
        }
    }
}
