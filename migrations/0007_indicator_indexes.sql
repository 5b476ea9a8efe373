-- The indicators (统计 and 首页) read, for the whole clinic at once, every file's counting facts
-- and every signed contract's term. Read from the tables, that decrypted every page of every
-- row: ~0.8 s for 100 000 residents, ~0.1 s for 67 000 contracts. These covering indexes hold
-- just the columns read, a tenth of the pages. deleted_at is always NULL in them, but SQLite
-- reads the table for a column of the WHERE clause that the index does not hold.
CREATE INDEX residents_counting
    ON residents (id, nursing_home_id, birth_date, created_at, status, status_date, deleted_at)
    WHERE deleted_at IS NULL;
CREATE INDEX contracts_signed_terms
    ON contracts (start_on, end_on, resident_id, signed_on, terminated_on, deleted_at)
    WHERE deleted_at IS NULL AND signed_on IS NOT NULL;
-- Every current entry of a period, and each resident's latest disability grade, in item and
-- date order with the time it was recorded: the two reads of the care records the indicators
-- make for the whole clinic (~1.6 s from the table at 156 000 entries). Left out while a laptop's
-- first download runs, like the other indexes only queries read (store/src/sync/first_download.rs).
CREATE INDEX care_records_item_day ON care_records (item, occurred_on, created_at, resident_id, facts, id) WHERE item IS NOT NULL;
