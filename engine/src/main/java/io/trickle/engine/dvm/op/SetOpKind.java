package io.trickle.engine.dvm.op;

/** INTERSECT and EXCEPT (UNION is Distinct over UnionAll). */
public enum SetOpKind {
    INTERSECT, EXCEPT
}
