package io.trickle.engine.bench.tpch;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Comment text: short sentences from a small grammar (adverb, adjective, noun, verb, preposition),
 * cut to a length drawn from the column's range, as the specification's text pool is. The vocabulary
 * holds the words queries 13 and 16 look for ("special" … "requests", "Customer" … "Complaints" is
 * added by the supplier generator), so their filters select some rows and reject others.
 */
final class TpchText {

    private static final List<String> NOUNS = List.of("foxes", "ideas", "theodolites", "pinto beans", "instructions",
            "dependencies", "excuses", "platelets", "asymptotes", "courts", "dolphins", "multipliers", "warthogs",
            "frets", "dinos", "attainments", "patterns", "forges", "braids", "frays", "epitaphs", "pearls", "tithes",
            "orbits", "gifts", "sheaves", "depths", "decoys", "realms", "accounts", "deposits", "packages", "requests",
            "sentiments", "somas", "waters", "escapades");
    private static final List<String> VERBS = List.of("sleep", "wake", "are", "cajole", "haggle", "nag", "use", "boost",
            "affix", "detect", "integrate", "maintain", "nod", "was", "lose", "solve", "thrash", "promise", "engage",
            "hinder", "print", "breach", "eat", "grow", "impress", "mold", "serve", "run", "dazzle", "doze", "unwind",
            "kindle", "play", "hang", "believe", "doubt");
    private static final List<String> ADJECTIVES = List.of("furious", "sly", "careful", "blithe", "quick", "fluffy",
            "slow", "quiet", "ruthless", "thin", "close", "dogged", "daring", "brave", "stealthy", "permanent",
            "enticing", "idle", "busy", "regular", "final", "ironic", "even", "bold", "silent", "special", "pending",
            "unusual", "express");
    private static final List<String> ADVERBS = List.of("sometimes", "always", "never", "furiously", "slyly",
            "carefully", "blithely", "quickly", "fluffily", "slowly", "quietly", "ruthlessly", "thinly", "closely",
            "doggedly", "daringly", "bravely", "stealthily", "permanently", "enticingly", "idly", "busily",
            "regularly", "finally", "ironically", "evenly", "boldly", "silently");
    private static final List<String> PREPOSITIONS = List.of("about", "above", "according to", "across", "after",
            "against", "along", "among", "around", "at", "atop", "before", "behind", "beneath", "beside", "between",
            "beyond", "by", "despite", "during", "except", "for", "from", "inside", "instead of", "into", "near", "of",
            "on", "outside", "over", "past", "since", "through", "to", "toward", "under", "until", "upon", "with",
            "without");
    private static final List<String> ENDINGS = List.of(".", ".", ".", ";", ":", "!", "?", " --");

    private TpchText() {
    }

    /** Text of a length drawn uniformly from [min, max]. */
    static String comment(SplittableRandom r, int min, int max) {
        int length = min + r.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(length + 40);
        while (sb.length() < length) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sentence(r, sb);
        }
        return sb.substring(0, length).strip();
    }

    private static void sentence(SplittableRandom r, StringBuilder sb) {
        if (r.nextInt(3) == 0) {
            sb.append(pick(r, ADVERBS)).append(' ');
        }
        sb.append(pick(r, ADJECTIVES)).append(' ').append(pick(r, NOUNS)).append(' ').append(pick(r, VERBS));
        if (r.nextBoolean()) {
            sb.append(' ').append(pick(r, PREPOSITIONS)).append(" the ").append(pick(r, ADJECTIVES)).append(' ')
                    .append(pick(r, NOUNS));
        }
        sb.append(pick(r, ENDINGS));
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A random string of letters, digits and punctuation, as the specification's v-string. */
    static String address(SplittableRandom r, int min, int max) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.";
        int length = min + r.nextInt(max - min + 1);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(out).strip();
    }
}
