-- 0002: users get a log-in name and a role; the append-only audit log; local settings.

-- The foundation's first user becomes the 机构管理员; their log-in is set when the store is
-- encrypted (upgrade). Log-ins are unique among live users.
ALTER TABLE users ADD COLUMN login TEXT CHECK (login IS NULL OR length(login) BETWEEN 2 AND 32);
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'clinic_admin'
    CHECK (role IN ('doctor', 'nurse', 'public_health', 'clinic_admin', 'care_home_admin'));
CREATE UNIQUE INDEX users_login ON users (login) WHERE deleted_at IS NULL AND login IS NOT NULL;

-- A nursing-home admin's list: the residents of one home.
CREATE INDEX residents_nursing_home ON residents (nursing_home_id, name_sort, rid)
    WHERE deleted_at IS NULL AND nursing_home_id IS NOT NULL;

-- Who did what to which record, when (UTC) and from which device. Append-only: the triggers
-- refuse UPDATE and DELETE, and each row's hash covers the previous row's hash, so an edit made
-- around the triggers (e.g. with a hex editor and the key) breaks the chain at that row.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      TEXT,
    user_name    TEXT NOT NULL DEFAULT '',
    device_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    record_kind  TEXT NOT NULL DEFAULT '',
    record_id    TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash         TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_record ON audit_log (record_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- This computer's settings (idle lock, backups). Not synced. value is JSON.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
