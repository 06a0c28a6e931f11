package io.trickle.engine.bench.tpch;

import java.time.LocalDate;
import java.util.List;

/**
 * The value domains of the TPC-H specification (clause 4.2): the fixed nations and regions, the word
 * lists that make part names, types and containers, and the order and line-item vocabularies. The
 * queries' substitution parameters are drawn from these, so every query finds rows.
 */
final class TpchDomains {

    private TpchDomains() {
    }

    static final List<String> REGIONS = List.of("AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST");

    /** A nation: its key is its index in {@link #NATIONS}. */
    record Nation(String name, int regionKey) {
    }

    static final List<Nation> NATIONS = List.of(
            new Nation("ALGERIA", 0), new Nation("ARGENTINA", 1), new Nation("BRAZIL", 1), new Nation("CANADA", 1),
            new Nation("EGYPT", 4), new Nation("ETHIOPIA", 0), new Nation("FRANCE", 3), new Nation("GERMANY", 3),
            new Nation("INDIA", 2), new Nation("INDONESIA", 2), new Nation("IRAN", 4), new Nation("IRAQ", 4),
            new Nation("JAPAN", 2), new Nation("JORDAN", 4), new Nation("KENYA", 0), new Nation("MOROCCO", 0),
            new Nation("MOZAMBIQUE", 0), new Nation("PERU", 1), new Nation("CHINA", 2), new Nation("ROMANIA", 3),
            new Nation("SAUDI ARABIA", 4), new Nation("VIETNAM", 2), new Nation("RUSSIA", 3),
            new Nation("UNITED KINGDOM", 3), new Nation("UNITED STATES", 1));

    /** The words of part names (P_NAME is five distinct ones). */
    static final List<String> COLORS = List.of(
            "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
            "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower",
            "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest",
            "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory",
            "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium",
            "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid",
            "pale", "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy",
            "royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring",
            "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow");

    static final List<String> TYPE_SIZE = List.of("STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO");
    static final List<String> TYPE_FINISH = List.of("ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED");
    static final List<String> TYPE_METAL = List.of("TIN", "NICKEL", "BRASS", "STEEL", "COPPER");

    static final List<String> CONTAINER_SIZE = List.of("SM", "LG", "MED", "JUMBO", "WRAP");
    static final List<String> CONTAINER_KIND = List.of("CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM");

    static final List<String> SEGMENTS = List.of("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD");
    static final List<String> PRIORITIES = List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");
    static final List<String> SHIP_INSTRUCTIONS = List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");
    static final List<String> SHIP_MODES = List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");

    /** The first order date. */
    static final LocalDate START_DATE = LocalDate.of(1992, 1, 1);
    /** Line items received after this date are not yet returned (flag N); shipped after it, still open (O). */
    static final LocalDate CURRENT_DATE = LocalDate.of(1995, 6, 17);
    /** The last day of the data; orders stop 151 days before it so their lines ship within it. */
    static final LocalDate END_DATE = LocalDate.of(1998, 12, 31);
    static final int ORDER_DATE_SPAN_DAYS = (int) (END_DATE.toEpochDay() - 151 - START_DATE.toEpochDay());
}
