package io.trickle.engine.dvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The layout of golden SQL: one clause to a line, long parentheses indented, quotes left alone. */
class GoldenSqlTest {

    @Test
    void clausesGoToTheirOwnLinesAndLongSubqueriesAreIndented() {
        String sql = "WITH \"c\" AS (\n  SELECT s.\"a\" AS \"a\", s.\"long_column_name\" AS \"b\" FROM \"public\".\"t\" s WHERE s.\"a\" > 1\n)"
                + "\nSELECT c.\"a\" FROM \"c\" c LEFT JOIN LATERAL (SELECT 1) q ON true WHERE c.\"a\" IS NOT DISTINCT FROM 2";
        assertEquals("""
                WITH "c" AS (
                  SELECT s."a" AS "a", s."long_column_name" AS "b"
                  FROM "public"."t" s
                  WHERE s."a" > 1
                )
                SELECT c."a"
                FROM "c" c
                LEFT JOIN LATERAL (SELECT 1) q ON true
                WHERE c."a" IS NOT DISTINCT FROM 2""", GoldenSql.layout(sql));
    }

    @Test
    void keywordsInsideQuotesAndShortParenthesesStayPut() {
        assertEquals("SELECT 'a FROM b' AS \"x WHERE y\", (SELECT 1 FROM t)\nFROM u",
                GoldenSql.layout("SELECT 'a FROM b'  AS \"x WHERE y\", ( SELECT 1 FROM t ) FROM u"));
    }

    @Test
    void evenAShortCteGetsItsOwnLines() {
        assertEquals("WITH a AS (\n  SELECT 1\n),\nb AS (\n  SELECT 2\n)\nSELECT *\nFROM a, b",
                GoldenSql.layout("WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b"));
    }

    @Test
    void cteListsPutEachCteOnItsOwnLine() {
        String body = "SELECT a_very_long_column_name, another_long_column_name FROM some_table";
        assertEquals("WITH a AS (\n  " + body.replace(" FROM", "\n  FROM") + "\n),\nb AS (\n  "
                        + body.replace(" FROM", "\n  FROM") + "\n)\nSELECT *\nFROM b",
                GoldenSql.layout("WITH a AS (" + body + "), b AS (" + body + ") SELECT * FROM b"));
    }
}
