package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.Locale;

/**
 * How a cycle's changed rows divide into updates, deletes and inserts, in percent (70/15/15 by
 * default, the mix of the refresh-speed issue).
 */
public record DmlMix(int updatePct, int deletePct, int insertPct) {

    public static final DmlMix DEFAULT = new DmlMix(70, 15, 15);

    public DmlMix {
        if (updatePct < 0 || deletePct < 0 || insertPct < 0 || updatePct + deletePct + insertPct != 100) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "the DML mix %d,%d,%d must be three shares (updates, deletes, inserts) of at least 0 adding up to 100",
                    updatePct, deletePct, insertPct));
        }
    }

    /** Reads {@code 70,15,15}. */
    public static DmlMix parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new InvalidInputException("--mix takes three percentages, updates,deletes,inserts (e.g. 70,15,15), not '"
                    + text + "'");
        }
        try {
            return new DmlMix(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--mix takes whole percentages, e.g. 70,15,15, not '" + text + "'", e);
        }
    }

    /** How {@code changed} rows split: updates, deletes, inserts (the rounding goes to the inserts). */
    public long[] split(long changed) {
        long updates = Math.round(changed * updatePct / 100.0);
        long deletes = Math.min(Math.round(changed * deletePct / 100.0), changed - updates);
        long inserts = Math.max(0, changed - updates - deletes);
        return new long[] {updates, deletes, inserts};
    }

    /** {@code 70/15/15}. */
    public String describe() {
        return updatePct + "/" + deletePct + "/" + insertPct;
    }
}
