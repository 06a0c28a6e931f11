package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.QualifiedName;
import java.util.Locale;

/** The two stream tables the benchmark keeps per query: refreshed as the engine chooses, or always recomputed. */
enum Twin {
    /** Mode AUTO, refreshed normally: the engine picks DIFFERENTIAL or FULL. */
    AUTO,
    /** The same AUTO table, always refreshed with {@code --full}: the baseline. */
    FULL;

    /** {@code schema.qNN_auto} or {@code schema.qNN_full}. */
    String table(String schema, TpchQuery q) {
        return QualifiedName.of(schema, storageName(q)).toString();
    }

    String storageName(TpchQuery q) {
        return q.name() + "_" + name().toLowerCase(Locale.ROOT);
    }
}
