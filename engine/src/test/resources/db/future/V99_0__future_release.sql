-- A catalog migration of a release newer than this build (tests of what an older engine does with
-- a newer catalog). It changes nothing this build relies on: the point is only that it is unknown.
ALTER TABLE pgtrickle.pgt_stream_tables ADD COLUMN future_release_note text;
