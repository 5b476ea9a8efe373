-- 0004: the laptop's side of sync with the county (docs/sync-protocol.md): what each outbox
-- mutation replaced and how the county settled it, the enrolment, conflicts pulled from the
-- county, and pulled rows waiting for a row they point at.

-- prior: JSON object of the changed fields' values before the change ('{}' for an insert); the
-- county merges field by field against it. resolves: the conflict a change settles.
-- outcome_*: the county's answer (rejected: its code, field and Chinese message; conflict:
-- code 'conflict' and the conflicting fields, comma-separated, in outcome_field).
ALTER TABLE outbox ADD COLUMN prior TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN resolves TEXT;
ALTER TABLE outbox ADD COLUMN outcome_code TEXT;
ALTER TABLE outbox ADD COLUMN outcome_field TEXT;
ALTER TABLE outbox ADD COLUMN outcome_message TEXT;
ALTER TABLE outbox ADD COLUMN settled_at TEXT;

-- Where a history entry came from: a change made on this computer, or one pulled from the county
-- (actor_id is then the remote user).
ALTER TABLE revisions ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'
    CHECK (origin IN ('local', 'county'));

-- One row: the enrolment with the county and how the last sync went. The token is the bearer
-- credential; the data file is encrypted.
CREATE TABLE sync_settings (
    singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
    server_url       TEXT,
    token            TEXT,
    institution_id   TEXT,
    institution_name TEXT,
    enrolled_at      TEXT,
    last_attempt_at  TEXT,
    last_success_at  TEXT,
    last_error       TEXT,
    CHECK ((enrolled_at IS NULL) = (token IS NULL))
);
INSERT INTO sync_settings (singleton) VALUES (1);

-- Conflicts of this institution's rows, as pulled (protocol ConflictRecord). Values are JSON.
-- status 'resolving': a person chose a value here and the choice waits in the outbox.
CREATE TABLE sync_conflicts (
    id               TEXT PRIMARY KEY,
    table_name       TEXT NOT NULL,
    row_id           TEXT NOT NULL,
    field            TEXT NOT NULL,
    kept_value       TEXT NOT NULL,
    other_value      TEXT NOT NULL,
    other_device_id  TEXT NOT NULL,
    other_actor_id   TEXT NOT NULL,
    other_local_time TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'resolving', 'resolved')),
    resolved_value   TEXT,
    resolved_by      TEXT,
    opened_at        TEXT NOT NULL,
    resolved_at      TEXT,
    received_at      TEXT NOT NULL
);
CREATE INDEX sync_conflicts_status ON sync_conflicts (status, opened_at);
CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_id);

-- Pulled rows that could not be stored yet (a row they point at has not arrived, or a local rule
-- refused them): the whole pulled row as JSON, retried at the start of every later pull.
CREATE TABLE sync_parked (
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    row        TEXT NOT NULL,
    reason     TEXT NOT NULL,
    parked_at  TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id)
);
