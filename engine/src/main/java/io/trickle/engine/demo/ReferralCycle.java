package io.trickle.engine.demo;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A cycle of two stream tables. {@code shop.referrals} says which
 * customer brought which; {@code shop.referral_reach} and {@code shop.referral_steps} read each other,
 * so together they hold who reached whom through any chain of referrals, refreshed to a fixpoint.
 *
 * <p>Installing it turns {@code allow_circular} on, which a cycle needs.
 */
final class ReferralCycle implements DemoStep {

    static final String REACH = "shop.referral_reach";
    static final String STEPS = "shop.referral_steps";

    @Override
    public String title() {
        return "the referral cycle";
    }

    @Override
    public List<String> install(Trickle trickle, Database database) {
        List<String> created = new ArrayList<>(database.transaction("creating the referrals", c -> {
            if (ShopSources.relationExists(c, "shop.referrals")) {
                return List.<String>of();
            }
            ShopSources.execute(c, "CREATE TABLE shop.referrals (referrer int NOT NULL, referred int NOT NULL, "
                    + "PRIMARY KEY (referrer, referred))");
            // A referral tree four levels deep: customer g was brought by customer g / 3.
            ShopSources.execute(c, "INSERT INTO shop.referrals SELECT g / 3, g FROM generate_series(3, 80) g");
            return List.of("table shop.referrals");
        }));
        Set<String> existing = trickle.list().stream().map(StreamTableInfo::name).collect(Collectors.toSet());
        if (existing.contains(REACH)) {
            return created;
        }
        trickle.setSetting("allow_circular", "true");
        trickle.create(CreateRequest.of(REACH, "SELECT referrer, referred FROM shop.referrals").schedule("30s").mode(RefreshMode.DIFFERENTIAL));
        trickle.create(CreateRequest.of(STEPS, """
                SELECT r.referrer, s.referred
                  FROM shop.referral_reach r
                  JOIN shop.referrals s ON s.referrer = r.referred""").schedule("calculated").mode(RefreshMode.DIFFERENTIAL));
        // Closing the cycle: the reach grows by the steps, the steps by the reach.
        trickle.alter(AlterRequest.of(REACH).query("""
                SELECT referrer, referred FROM shop.referrals
                UNION
                SELECT referrer, referred FROM shop.referral_steps"""));
        // Closing it leaves each member one step behind the other; one refresh runs the cycle to its fixpoint.
        trickle.refresh(REACH);
        created.add("stream table " + REACH);
        created.add("stream table " + STEPS + " (a cycle with " + REACH + ")");
        return created;
    }
}
