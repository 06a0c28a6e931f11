package io.trickle.engine.bench.tpch;

/**
 * Table sizes at a scale factor, by the specification's base cardinalities (SF 1: 10 000 suppliers,
 * 200 000 parts with four suppliers each, 150 000 customers, 1 500 000 orders of one to seven line
 * items, about 6 000 000 in all).
 *
 * @param factor the scale factor; at least 0.001, so that every part can have four distinct suppliers
 */
public record TpchScale(double factor) {

    public TpchScale {
        if (!(factor >= 0.001) || factor > 1000) {
            throw new IllegalArgumentException("scale factor must be between 0.001 and 1000, not " + factor);
        }
    }

    public int suppliers() {
        return rows(10_000);
    }

    public int parts() {
        return rows(200_000);
    }

    public int customers() {
        return rows(150_000);
    }

    public int orders() {
        return rows(1_500_000);
    }

    /** Clerks an order is assigned to. */
    int clerks() {
        return rows(1_000);
    }

    private int rows(int atScaleOne) {
        return (int) Math.max(1, Math.round(atScaleOne * factor));
    }
}
