-- 县级服务器 schema, version 3. Never edit once released.
-- The reference indexes hold only the rows that have the reference. A care record has no owner
-- and most have no home, a resident names no resident, and care records are most of the rows:
-- each wrote index entries no query reads (an initial upload writes a million care records).
-- Every query on these columns asks for a value (`owner = $1`, `home IN (…)`), which
-- PostgreSQL proves implies IS NOT NULL, so the partial indexes serve them all.
DROP INDEX rows_owner;
DROP INDEX rows_home;
DROP INDEX rows_resident;
CREATE INDEX rows_owner ON rows (tbl, owner) WHERE owner IS NOT NULL;
CREATE INDEX rows_home ON rows (tbl, home) WHERE home IS NOT NULL;
CREATE INDEX rows_resident ON rows (tbl, resident) WHERE resident IS NOT NULL;
