package io.trickle.engine.bench.tpch;

/** A numeric(15,2) value held as a whole number of hundredths, printed as PostgreSQL reads it. */
record Money(long cents) {

    static Money of(long cents) {
        return new Money(cents);
    }

    @Override
    public String toString() {
        long abs = Math.abs(cents);
        String digits = (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
        return cents < 0 ? "-" + digits : digits;
    }
}
