package io.trickle.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.scheduler.AlertListener;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18: no role without the engine's privileges can make the engine act for it. Everything here
 * runs as non-superusers, with the privileges the README lists: an engine role with CREATE on the
 * database (it installs the catalog and owns the stream tables), the owner of the sources (who grants
 * the engine SELECT and TRIGGER on them), an ETL role that loads one source, a tenant with CREATE on
 * schema public, and a role with no grants at all.
 */
@Tag("pg15")
class HostileTenantIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static String engineUrl;
    private static String ownerUrl;
    private static String etlUrl;
    private static String tenantUrl;
    private static String nobodyUrl;
    private static Trickle engine;

    @BeforeAll
    static void roles() throws SQLException {
        engineUrl = Roles.login(db, "ht_engine", "CREATE");
        ownerUrl = Roles.login(db, "ht_owner", "CREATE");
        etlUrl = Roles.login(db, "ht_etl", null);
        tenantUrl = Roles.login(db, "ht_tenant", null);
        nobodyUrl = Roles.login(db, "ht_nobody", null);
        db.execute("GRANT CREATE, USAGE ON SCHEMA public TO ht_engine",
                "GRANT CREATE, USAGE ON SCHEMA public TO ht_tenant",
                "CREATE TABLE public.hijack_log (who name, what text)",
                "GRANT INSERT, SELECT ON public.hijack_log TO PUBLIC");
        as(ownerUrl, "CREATE SCHEMA app",
                "CREATE TABLE app.orders (id int PRIMARY KEY, amount numeric NOT NULL, note varchar(20))",
                "INSERT INTO app.orders SELECT g, g % 7, 'Note ' || g FROM generate_series(1, 50) g",
                "CREATE TABLE app.customers (id int PRIMARY KEY, name text)",
                "INSERT INTO app.customers SELECT g, 'c' || g FROM generate_series(1, 10) g",
                // The README's privileges for the engine's role on sources it does not own.
                "GRANT USAGE ON SCHEMA app TO ht_engine",
                "GRANT SELECT, TRIGGER ON app.orders, app.customers TO ht_engine",
                // The ETL role loads orders and only reads customers.
                "GRANT USAGE ON SCHEMA app TO ht_etl",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.orders TO ht_etl",
                "GRANT SELECT ON app.customers TO ht_etl");
        engine = Trickle.open(EngineOptions.forUrl(engineUrl).withMaxConnections(8));
        engine.install();
        engine.setSetting("scheduler_interval_ms", "100");
        // The README's grant for ETL roles.
        as(engineUrl, "GRANT USAGE ON SCHEMA pgtrickle TO ht_etl");
        assertEquals(false, db.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = 'ht_engine'"));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // F7: the guard accepts writes from engine roles only
    // ---------------------------------------------------------------------------------------------

    @Test
    void theStorageGuardRefusesEveryRoleButTheEngineEvenWithItsSetting() throws SQLException {
        engine.create("st_guarded", "SELECT id, amount FROM app.orders", "1h", null, true);
        as(engineUrl, "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON public.st_guarded TO ht_etl");
        for (String write : new String[] {"INSERT INTO public.st_guarded (__pgt_row_id, id, amount) VALUES (1, 999, 1)",
                "UPDATE public.st_guarded SET amount = 0", "DELETE FROM public.st_guarded", "TRUNCATE public.st_guarded"}) {
            String error = Roles.error(etlUrl, "SET pgtrickle.internal_refresh = 'on'", write);
            assertTrue(error.contains("it is maintained by Trickle"), write + ": " + error);
        }
        as(ownerUrl, "INSERT INTO app.orders VALUES (1000, 5, 'late')");
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("st_guarded", false).action());
        assertMatches("st_guarded", "SELECT id, amount FROM app.orders");
        engine.drop("st_guarded", false);
    }

    // ---------------------------------------------------------------------------------------------
    // F8: watermarks move only for roles that may write the source
    // ---------------------------------------------------------------------------------------------

    @Test
    void watermarksMoveOnlyForRolesThatMayWriteTheSource() throws SQLException {
        as(etlUrl, "SELECT pgtrickle.advance_watermark('app.orders', '2026-03-01')");
        assertEquals("ht_etl", db.scalar("SELECT advanced_by::text FROM pgtrickle.pgt_watermarks"
                + " WHERE source = 'app.orders'::regclass"));
        String notWritable = Roles.error(etlUrl, "SELECT pgtrickle.advance_watermark('app.customers', '2026-03-01')");
        assertTrue(notWritable.contains("may not advance the watermark of app.customers"), notWritable);
        String catalog = Roles.error(etlUrl, "SELECT pgtrickle.advance_watermark('pg_catalog.pg_authid', '9999-12-31')");
        assertTrue(catalog.contains("a system catalog"), catalog);
        String ours = Roles.error(engineUrl, "SELECT pgtrickle.advance_watermark('pgtrickle.pgt_settings', '2026-01-01')");
        assertTrue(ours.contains("part of Trickle's catalog"), ours);
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks WHERE source <> 'app.orders'::regclass"));

        // Not by a direct write either, not even when a DBA granted the table as the old README said.
        String direct = Roles.error(etlUrl, "UPDATE pgtrickle.pgt_watermarks SET watermark = '1970-01-01', advanced_by = 'x'");
        assertTrue(direct.contains("permission denied"), direct);
        as(engineUrl, "GRANT SELECT, INSERT, UPDATE, DELETE ON pgtrickle.pgt_watermarks TO ht_etl");
        String granted = Roles.error(etlUrl, "UPDATE pgtrickle.pgt_watermarks SET watermark = '1970-01-01', advanced_by = 'x'");
        assertTrue(granted.contains("advance a watermark with pgtrickle.advance_watermark"), granted);
        as(engineUrl, "REVOKE ALL ON pgtrickle.pgt_watermarks FROM ht_etl");
        assertEquals("2026-03-01", db.scalar("SELECT watermark::date::text FROM pgtrickle.pgt_watermarks"
                + " WHERE source = 'app.orders'::regclass"));

        // Groups are the engine's; their status is readable by the roles that load the sources.
        String group = Roles.error(etlUrl, "SELECT pgtrickle.create_watermark_group('g', ARRAY['app.orders', 'app.customers']::regclass[])");
        assertTrue(group.contains("only Trickle engine roles"), group);
        as(engineUrl, "SELECT pgtrickle.create_watermark_group('ht_group', ARRAY['app.orders', 'app.customers']::regclass[])");
        assertEquals(1L, Roles.count(etlUrl, "SELECT count(*) FROM pgtrickle.watermark_status() WHERE group_name = 'ht_group'"));
        assertEquals(1L, Roles.count(etlUrl, "SELECT count(*) FROM pgtrickle.watermarks()"));

        // The command line says the same, with exit 2 and no Java in the message.
        CliRun cli = CliRun.at(etlUrl, "watermark", "advance", "app.customers", "2026-03-02");
        assertEquals(2, cli.exitCode(), cli::toString);
        assertTrue(cli.err().contains("may not advance the watermark of app.customers"), cli::toString);
        assertFalse(cli.err().contains("Exception"), cli::toString);
        as(engineUrl, "SELECT pgtrickle.drop_watermark_group('ht_group')");
    }

    // ---------------------------------------------------------------------------------------------
    // F4: leadership cannot be squatted; a squatted refresh lock is reported
    // ---------------------------------------------------------------------------------------------

    @Test
    void leadershipCannotBeSquattedAndASquattedRefreshLockIsReported() throws Exception {
        engine.create("st_squat", "SELECT id, amount FROM app.orders", "1s", null, true);
        long id = db.count("SELECT pgt_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'st_squat'");
        try (Connection squatter = DriverManager.getConnection(nobodyUrl); Statement st = squatter.createStatement()) {
            // A role with CONNECT only takes the advisory lock that once meant leadership (issue 18, F4).
            st.execute("SELECT pg_advisory_lock(1953655148, 0)");
            try (AlertListener alerts = new AlertListener(engineUrl);
                 SchedulerHandle scheduler = engine.runScheduler(SchedulerOptions.defaults())) {
                Eventually.await(DEADLINE, () -> scheduler.role() == SchedulerRole.LEADER, "the engine leads");
                assertNotNull(db.scalar("SELECT pgtrickle.scheduler_leader_pid()"));
                // And the lock that is leadership now may be taken by engine roles only.
                String denied = Roles.error(etlUrl, "BEGIN", "LOCK TABLE pgtrickle.pgt_leader IN EXCLUSIVE MODE NOWAIT");
                assertTrue(denied.contains("permission denied"), denied);
                as(ownerUrl, "INSERT INTO app.orders VALUES (2000, 3, 'squat')");
                assertMatchesEventually("st_squat", "SELECT id, amount FROM app.orders");

                // Holding a table's refresh lock delays it: said on pgtrickle_alert and in list.
                st.execute("SELECT pg_advisory_lock(" + AdvisoryLocks.REFRESH_CLASS + ", " + id + ")");
                as(ownerUrl, "INSERT INTO app.orders VALUES (2001, 3, 'squat')");
                Eventually.await(DEADLINE, () -> alerts.has("refresh_lock_squatted", "public.st_squat"),
                        "refresh_lock_squatted alert");
                JsonNode alert = alerts.first("refresh_lock_squatted", "public.st_squat");
                assertEquals("ht_nobody", alert.get("role").asText(), alert::toString);
                CliRun list = CliRun.at(engineUrl, "list");
                assertTrue(list.out().contains("warning: public.st_squat: its refresh lock is held by session")
                        && list.out().contains("role ht_nobody"), list::toString);
                CliRun json = CliRun.at(engineUrl, "list", "--json");
                JsonNode squatted = null;
                for (JsonNode t : json.json().get("stream_tables")) {
                    if (t.get("name").asText().equals("public.st_squat")) {
                        squatted = t;
                    }
                }
                assertTrue(squatted != null && squatted.get("lock_held_by").asText().contains("ht_nobody"), json::toString);
            }
            engine.setSetting("lock_timeout_ms", "200");
            try {
                CliRun refresh = CliRun.at(engineUrl, "refresh", "st_squat");
                assertEquals(1, refresh.exitCode(), refresh::toString);
                assertTrue(refresh.err().contains("role ht_nobody"), refresh::toString);
            } finally {
                engine.resetSetting("lock_timeout_ms");
            }
            st.execute("SELECT pg_advisory_unlock_all()");
        }
        engine.refresh("st_squat", false);
        assertMatches("st_squat", "SELECT id, amount FROM app.orders");
        engine.drop("st_squat", false);
    }

    // ---------------------------------------------------------------------------------------------
    // F6: no operator or function a tenant creates ever runs as the engine
    // ---------------------------------------------------------------------------------------------

    @Test
    void aTenantsOperatorsAndFunctionsNeverRunAsTheEngine() throws SQLException {
        String q = "SELECT id, lower(note) AS note, amount > 1 AS big FROM app.orders WHERE amount > 2";
        engine.create("st_ops", q, null, "DIFFERENTIAL", true);
        // After the stream table exists, a tenant with CREATE on public shadows the built-ins the query
        // uses with exact matches for its argument types (numeric > integer, lower(varchar)).
        as(tenantUrl, """
                CREATE FUNCTION public.evil_gt(numeric, integer) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'operator >'); RETURN $1 > $2::numeric; END $$""",
                "CREATE OPERATOR public.> (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = public.evil_gt)",
                """
                CREATE FUNCTION public.lower(varchar) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'lower'); RETURN pg_catalog.lower($1); END $$""",
                """
                CREATE FUNCTION public.hashtextextended(varchar, bigint) RETURNS bigint LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'hash'); RETURN 0; END $$""");
        as(ownerUrl, "INSERT INTO app.orders VALUES (3000, 6, 'New'), (3001, 1, 'Small')",
                "UPDATE app.orders SET amount = amount + 3, note = upper(note) WHERE id % 5 = 0", "DELETE FROM app.orders WHERE id = 7");
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("st_ops", false).action());
        assertEquals(RefreshAction.FULL, engine.refresh("st_ops", true).action());
        assertEquals(0, db.count("SELECT count(*) FROM public.hijack_log"), () -> db.rows("SELECT * FROM public.hijack_log").toString());
        assertMatches("st_ops", q);

        // A new query that the tenant's objects would capture is refused, naming them; nothing runs.
        CliRun refused = CliRun.at(engineUrl, "create", "st_ops2", "--query", q);
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("operator public.>(numeric,integer)")
                && refused.err().contains("function public.lower(character varying)"), refused::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = 'st_ops2'"));
        assertEquals(0, db.count("SELECT count(*) FROM public.hijack_log"));

        // A function of the sources' owner, written schema-qualified, is the creator's choice and works.
        as(ownerUrl, "CREATE FUNCTION app.with_tax(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 1.2'",
                "GRANT USAGE ON SCHEMA app TO ht_engine");
        String taxed = "SELECT id, app.with_tax(amount) AS gross FROM app.orders";
        engine.create("st_taxed", taxed, null, "DIFFERENTIAL", true);
        as(ownerUrl, "UPDATE app.orders SET amount = amount + 1 WHERE id < 5");
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("st_taxed", false).action());
        assertMatches("st_taxed", taxed);
        assertEquals(0, db.count("SELECT count(*) FROM public.hijack_log"));
        engine.drop("st_taxed", false);
        engine.drop("st_ops", false);
        as(tenantUrl, "DROP OPERATOR public.> (numeric, integer)", "DROP FUNCTION public.evil_gt(numeric, integer)",
                "DROP FUNCTION public.lower(varchar)", "DROP FUNCTION public.hashtextextended(varchar, bigint)");
    }

    @Test
    void aTenantsOperatorsAndFunctionsNeverRunInImmediateMaintenance() throws SQLException {
        String q = "SELECT id, lower(note) AS note, amount > 1 AS big FROM app.orders WHERE amount > 2";
        engine.create("st_imm_ops", q, null, "IMMEDIATE", true);
        // The maintenance runs as the engine inside the owner's writes: a tenant's exact matches for the
        // built-ins the query uses, created afterwards in a schema it can write to, must not be called.
        as(tenantUrl, """
                CREATE FUNCTION public.evil_gt(numeric, integer) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'operator >'); RETURN $1 > $2::numeric; END $$""",
                "CREATE OPERATOR public.> (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = public.evil_gt)",
                """
                CREATE FUNCTION public.lower(varchar) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'lower'); RETURN pg_catalog.lower($1); END $$""");
        as(ownerUrl, "INSERT INTO app.orders VALUES (5000, 6, 'Imm'), (5001, 1, 'Small')",
                "UPDATE app.orders SET amount = amount + 3, note = upper(note) WHERE id % 5 = 0", "DELETE FROM app.orders WHERE id = 5000");
        assertEquals(0, db.count("SELECT count(*) FROM public.hijack_log"), () -> db.rows("SELECT * FROM public.hijack_log").toString());
        assertMatches("st_imm_ops", q);
        assertEquals(java.util.List.of(), db.strings("""
                SELECT p.proname || ': ' || coalesce(array_to_string(p.proconfig, ' '), '')
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'pgtrickle_changes' AND p.proname LIKE 'ivm%' AND p.prosecdef
                   AND NOT 'search_path=pg_catalog, pg_temp' = ANY (coalesce(p.proconfig, '{}'))"""));
        engine.drop("st_imm_ops", false);
        as(tenantUrl, "DROP OPERATOR public.> (numeric, integer)", "DROP FUNCTION public.evil_gt(numeric, integer)",
                "DROP FUNCTION public.lower(varchar)");
    }

    @Test
    void queriesStoredByOlderEnginesWithTheirCreatorsSearchPathArePinnedByInstall() throws SQLException {
        engine.create("st_legacy_ok", "SELECT id, amount FROM app.orders WHERE amount > 2", null, null, true);
        as(ownerUrl, "CREATE FUNCTION app.doubled(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'");
        engine.create("st_legacy_fn", "SELECT id, app.doubled(amount) AS d FROM app.orders", null, null, true);
        // As engines before catalog 0.7.0.6 stored them: the creator's search_path, functions unqualified.
        db.execute("UPDATE pgtrickle.pgt_stream_tables SET search_path = '\"$user\", public' WHERE pgt_name = 'st_legacy_ok'",
                "UPDATE pgtrickle.pgt_stream_tables SET search_path = 'app, public',"
                        + " defining_query = replace(defining_query, 'app.doubled', 'doubled') WHERE pgt_name = 'st_legacy_fn'");
        java.util.List<String> warnings = engine.install().warnings();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("st_legacy_fn") && warnings.get(0).contains("function app.doubled(numeric)"),
                warnings::toString);
        assertEquals(java.util.List.of("pg_catalog, pg_temp"), db.strings("SELECT DISTINCT search_path FROM pgtrickle.pgt_stream_tables"));
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'st_legacy_fn'"));
        as(ownerUrl, "INSERT INTO app.orders VALUES (4000, 9, 'legacy')");
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("st_legacy_ok", false).action());
        assertMatches("st_legacy_ok", "SELECT id, amount FROM app.orders WHERE amount > 2");
        engine.drop("st_legacy_ok", false);
        engine.drop("st_legacy_fn", false);
    }

    // ---------------------------------------------------------------------------------------------
    // F9: row-level security
    // ---------------------------------------------------------------------------------------------

    @Test
    void aSourceWhosePolicyHidesRowsFromTheEngineIsRefusedAndItsBufferKeepsNoHiddenRow() throws SQLException {
        as(ownerUrl, "CREATE TABLE app.tenant_rows (id int PRIMARY KEY, tenant name NOT NULL, v int)",
                "INSERT INTO app.tenant_rows SELECT g, CASE WHEN g % 2 = 0 THEN 'ht_engine' ELSE 'other' END, g"
                        + " FROM generate_series(1, 20) g",
                "GRANT SELECT, TRIGGER ON app.tenant_rows TO ht_engine",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.tenant_rows TO ht_etl");
        // Created while no policy applies: maintained as the owner of the stream table sees it.
        String q = "SELECT id, tenant, v FROM app.tenant_rows";
        engine.create("st_rls", q, null, null, true);
        as(ownerUrl, "ALTER TABLE app.tenant_rows ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY own_rows ON app.tenant_rows USING (tenant = current_user)",
                "CREATE POLICY etl_all ON app.tenant_rows TO ht_etl USING (true) WITH CHECK (true)");
        as(etlUrl, "INSERT INTO app.tenant_rows VALUES (100, 'other', 100), (101, 'ht_engine', 101)",
                "UPDATE app.tenant_rows SET v = v + 1 WHERE tenant = 'other'");
        String buffer = "pgtrickle_changes." + db.scalar("SELECT buffer_table FROM pgtrickle.pgt_change_tracking"
                + " WHERE source = 'app.tenant_rows'::regclass");
        assertEquals(0, db.count("SELECT count(*) FROM " + buffer + " WHERE action <> 'T'"),
                "no row the policy hides from the engine reaches its buffer");
        CliRun refresh = CliRun.at(engineUrl, "refresh", "st_rls");
        assertEquals(1, refresh.exitCode(), refresh::toString);
        assertTrue(refresh.err().contains("row-level security on source app.tenant_rows now hides rows from role ht_engine"),
                refresh::toString);
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'st_rls'"));

        // A new stream table over it is refused at create, before anything exists.
        CliRun create = CliRun.at(engineUrl, "create", "st_rls2", "--query", q);
        assertEquals(2, create.exitCode(), create::toString);
        assertTrue(create.err().contains("row-level security on app.tenant_rows hides rows from role ht_engine"),
                create::toString);
        assertFalse(create.err().contains("shape the differential engine"), create::toString);

        // Without the policy, the table recomputes what it missed.
        as(ownerUrl, "ALTER TABLE app.tenant_rows DISABLE ROW LEVEL SECURITY");
        assertEquals(0, CliRun.at(engineUrl, "alter", "st_rls", "--status", "ACTIVE").exitCode());
        engine.refresh("st_rls", false);
        assertMatches("st_rls", q);
        engine.drop("st_rls", false);
    }

    // ---------------------------------------------------------------------------------------------
    // F5: capture runs no code of the source's owner as the engine
    // ---------------------------------------------------------------------------------------------

    @Test
    void captureRunsNoCodeOfTheSourceOwnerAsTheEngine() throws SQLException {
        as(ownerUrl, "CREATE TYPE app.mood AS ENUM ('sad', 'happy')",
                """
                CREATE FUNCTION app.evil(app.mood) RETURNS json LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'cast'); RETURN to_json($1::text); END $$""",
                "CREATE CAST (app.mood AS json) WITH FUNCTION app.evil(app.mood)",
                """
                CREATE FUNCTION app.check_mood(text) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO public.hijack_log VALUES (current_user, 'domain'); RETURN true; END $$""",
                "CREATE DOMAIN app.checked AS text CHECK (app.check_mood(VALUE))",
                "CREATE TABLE app.moods (id int PRIMARY KEY, mood app.mood, remark app.checked)",
                "GRANT SELECT, TRIGGER ON app.moods TO ht_engine",
                "GRANT USAGE ON TYPE app.mood, app.checked TO ht_engine");
        String q = "SELECT id, mood, remark FROM app.moods";
        engine.create("st_moods", q, null, null, true);
        as(ownerUrl, "INSERT INTO app.moods VALUES (1, 'happy', 'fine'), (2, 'sad', 'meh')",
                "UPDATE app.moods SET mood = 'happy' WHERE id = 2");
        engine.refresh("st_moods", false);
        assertMatches("st_moods", q);
        assertEquals(0, db.count("SELECT count(*) FROM public.hijack_log WHERE who = 'ht_engine'"),
                () -> db.rows("SELECT * FROM public.hijack_log").toString());
        engine.drop("st_moods", false);
        // The owner's own writes ran its CHECK as the owner, as they should; the log is shared.
        db.execute("DELETE FROM public.hijack_log WHERE who = 'ht_owner'");
    }

    // ---------------------------------------------------------------------------------------------
    // The compiled refresh acts only for the engine
    // ---------------------------------------------------------------------------------------------

    @Test
    void theCompiledRefreshRunsWithTheCallersRightsAndAPinnedSearchPath() throws SQLException {
        engine.create("st_compiled", "SELECT id, amount FROM app.orders WHERE amount > 2", null, "DIFFERENTIAL", true);
        long id = db.count("SELECT pgt_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'st_compiled'");
        String fn = "pgtrickle_changes.refresh_" + id + "(text)";
        // Pinned, whatever the creator's path was; and nothing on the refresh path acts as its owner.
        assertEquals("search_path=pg_catalog, pg_temp", db.scalar("SELECT c FROM pg_proc p, unnest(p.proconfig) c"
                + " WHERE p.oid = '" + fn + "'::regprocedure AND c LIKE 'search_path=%'"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_proc WHERE prosecdef AND oid IN ('" + fn + "'::regprocedure,"
                + " 'pgtrickle.refresh(text, boolean)'::regprocedure)"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_proc WHERE prosecdef AND proname = 'run_refresh'"
                + " AND pronamespace = 'pgtrickle'::regnamespace"));
        for (String role : new String[] {"ht_nobody", "ht_tenant", "ht_etl", "ht_owner"}) {
            assertEquals(false, db.scalar("SELECT has_function_privilege('" + role + "', '" + fn + "', 'EXECUTE')"), role);
            assertEquals(false, db.scalar("SELECT has_function_privilege('" + role + "', 'pgtrickle.refresh(text, boolean)',"
                    + " 'EXECUTE')"), role);
        }
        // Granted EXECUTE on pgtrickle.refresh by mistake, a role that is no engine role is told so.
        as(engineUrl, "GRANT EXECUTE ON FUNCTION pgtrickle.refresh(text, boolean) TO ht_etl");
        try {
            String refused = Roles.error(etlUrl, "BEGIN ISOLATION LEVEL REPEATABLE READ",
                    "SELECT * FROM pgtrickle.refresh('public.st_compiled')");
            assertTrue(refused.contains("role ht_etl may not refresh stream table public.st_compiled"), refused);
        } finally {
            as(engineUrl, "REVOKE EXECUTE ON FUNCTION pgtrickle.refresh(text, boolean) FROM ht_etl");
        }
        // The engine's role refreshes from SQL, differentially.
        as(ownerUrl, "INSERT INTO app.orders VALUES (5000, 6, 'sql')");
        try (Connection c = DriverManager.getConnection(engineUrl); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var rs = st.executeQuery("SELECT action FROM pgtrickle.refresh('public.st_compiled')")) {
                rs.next();
                assertEquals("DIFFERENTIAL", rs.getString(1));
            }
            c.commit();
        }
        assertMatches("st_compiled", "SELECT id, amount FROM app.orders WHERE amount > 2");
        engine.drop("st_compiled", false);
    }

    /**
     * A second stream table that reads more columns of a captured source widens its buffer while
     * the owner writes, with the TRIGGER privilege only (no LOCK TABLE): no write falls between the
     * capture change and the new table's first snapshot.
     */
    @Test
    void captureWidensUnderLiveWritersWithTheTriggerPrivilegeOnly() throws Exception {
        as(ownerUrl, "CREATE TABLE app.wide (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL)",
                "INSERT INTO app.wide SELECT g, g, g FROM generate_series(1, 200) g",
                "GRANT SELECT, TRIGGER ON app.wide TO ht_engine");
        String qa = "SELECT a % 10 AS k, sum(a) AS s, count(*) AS n FROM app.wide GROUP BY a % 10";
        String qb = "SELECT id, b FROM app.wide WHERE b % 3 = 0";
        engine.create("st_wide_a", qa, null, "DIFFERENTIAL", true);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(ownerUrl); Statement st = c.createStatement()) {
                for (int i = 1000; !stop.get(); i++) {
                    st.execute("INSERT INTO app.wide VALUES (" + i + ", " + i + ", " + i + ")");
                    st.execute("UPDATE app.wide SET a = a + 1, b = b + 1 WHERE id = " + (i % 200 + 1));
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "owner-writer");
        writer.start();
        try {
            Eventually.await(DEADLINE, () -> writes.get() > 50, "the owner writes");
            engine.create("st_wide_b", qb, null, "DIFFERENTIAL", true);
            long after = writes.get();
            Eventually.await(DEADLINE, () -> writes.get() > after + 50, "the owner keeps writing");
            engine.refresh("st_wide_a", false);
            engine.refresh("st_wide_b", false);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(null, failure.get());
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("st_wide_b", false).action());
        engine.refresh("st_wide_a", false);
        assertMatches("st_wide_a", qa);
        assertMatches("st_wide_b", qb);
        engine.drop("st_wide_b", false);
        engine.drop("st_wide_a", false);
    }

    // ---------------------------------------------------------------------------------------------

    private static void as(String url, String... sql) throws SQLException {
        Roles.as(url, sql);
    }

    private static void assertMatches(String table, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(engineUrl); Statement st = c.createStatement()) {
            // The oracle too reads the query as the engine does: built-ins only, whatever a tenant created.
            st.execute("SET search_path = pg_catalog, pg_temp");
            Oracle.assertMatches(c, "public", table, query);
        }
    }

    private static void assertMatchesEventually(String table, String query) {
        Eventually.succeeds(DEADLINE, () -> {
            try {
                assertMatches(table, query);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, table + " catches up with its query");
    }
}
