-- 0003: care records (the 7+3+4 service log), family-doctor teams and contracts, cooperation
-- agreements. Every table is synced (standard columns as in 0001).

-- 家庭医生团队. members: JSON array of {userId, name, role, leader}.
CREATE TABLE care_teams (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    name           TEXT NOT NULL CHECK (length(name) > 0),
    members        TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX care_teams_name ON care_teams (institution_id, name) WHERE deleted_at IS NULL;

-- 家庭医生签约. Money in 分. A renewal is a new row pointing at the one it renews (renews) and
-- that one points back (renewed_by), so one resident has at most one current contract: a live,
-- not terminated, not renewed one.
CREATE TABLE contracts (
    rid                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    version            INTEGER NOT NULL CHECK (version >= 1),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    deleted_at         TEXT,
    number             TEXT NOT NULL UNIQUE,
    resident_id        TEXT NOT NULL REFERENCES residents (id),
    team_id            TEXT NOT NULL REFERENCES care_teams (id),
    doctor_id          TEXT NOT NULL REFERENCES users (id),
    categories         TEXT NOT NULL DEFAULT '[]',
    package_kind       TEXT NOT NULL CHECK (package_kind IN ('basic', 'personalized')),
    package_items      TEXT NOT NULL DEFAULT '[]',
    price_cents        INTEGER NOT NULL CHECK (price_cents >= 0),
    insurance_cents    INTEGER NOT NULL CHECK (insurance_cents >= 0),
    self_paid_cents    INTEGER NOT NULL CHECK (self_paid_cents >= 0),
    start_on           TEXT NOT NULL,
    end_on             TEXT NOT NULL,
    signed_on          TEXT,
    status             TEXT NOT NULL CHECK (status IN ('pending', 'signed', 'renewed', 'terminated')),
    terminated_on      TEXT,
    termination_reason TEXT,
    termination_note   TEXT NOT NULL DEFAULT '',
    renews             TEXT REFERENCES contracts (id),
    -- Deferred: a renewal inserts the new row and points the old one at it in one transaction,
    -- and the unique index below allows the new current row only once the old one points away.
    renewed_by         TEXT REFERENCES contracts (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK (price_cents = insurance_cents + self_paid_cents),
    CHECK (end_on > start_on),
    CHECK ((status = 'terminated') = (terminated_on IS NOT NULL)),
    -- Signed and renewed contracts have a signing date, pending ones none; a terminated one has
    -- one if it was signed before it ended (a contract refused before signing has none).
    CHECK (status NOT IN ('signed', 'renewed') OR signed_on IS NOT NULL),
    CHECK (status <> 'pending' OR signed_on IS NULL)
);
CREATE UNIQUE INDEX contracts_current ON contracts (resident_id)
    WHERE deleted_at IS NULL AND status <> 'terminated' AND renewed_by IS NULL;
CREATE INDEX contracts_resident ON contracts (resident_id, start_on);
CREATE INDEX contracts_end ON contracts (end_on) WHERE deleted_at IS NULL AND status <> 'terminated';

-- 医养服务合作协议 (the record; the signed document comes later). items: JSON array of
-- {item, frequency}. One active agreement per clinic and home.
CREATE TABLE agreements (
    rid                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    version            INTEGER NOT NULL CHECK (version >= 1),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    deleted_at         TEXT,
    number             TEXT NOT NULL UNIQUE,
    clinic_id          TEXT NOT NULL REFERENCES institutions (id),
    nursing_home_id    TEXT NOT NULL REFERENCES institutions (id),
    start_on           TEXT NOT NULL,
    end_on             TEXT NOT NULL,
    items              TEXT NOT NULL DEFAULT '[]',
    methods            TEXT NOT NULL DEFAULT '[]',
    file_within_days   INTEGER NOT NULL CHECK (file_within_days BETWEEN 1 AND 365),
    note               TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('draft', 'active', 'terminated')),
    activated_on       TEXT,
    terminated_on      TEXT,
    termination_reason TEXT NOT NULL DEFAULT '',
    CHECK (end_on > start_on),
    CHECK ((status = 'draft') = (activated_on IS NULL)),
    CHECK ((status = 'terminated') = (terminated_on IS NOT NULL))
);
CREATE UNIQUE INDEX agreements_active ON agreements (clinic_id, nursing_home_id)
    WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX agreements_home ON agreements (nursing_home_id) WHERE deleted_at IS NULL;

-- The 7+3+4 service log and the records behind it (health checks, assessments, plans,
-- prescriptions, rounds, visits …). Append-only: a correction is a new row whose `supersedes`
-- names the old one (one correction per row), and the triggers refuse changing a row's content
-- or deleting it. `item` is the 7+3+4 code the entry counts for (NULL: counts for none, e.g. a
-- TCM constitution or an absence on a round). `detail` is the validated JSON of the kind.
CREATE TABLE care_records (
    rid              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    version          INTEGER NOT NULL CHECK (version = 1),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    deleted_at       TEXT,
    resident_id      TEXT NOT NULL REFERENCES residents (id),
    kind             TEXT NOT NULL,
    item             TEXT CHECK (item IS NULL OR item IN ('G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'P1', 'P2', 'P3', 'S1', 'S2', 'S3', 'S4')),
    occurred_on      TEXT NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    summary          TEXT NOT NULL DEFAULT '',
    detail           TEXT NOT NULL,
    -- What the due rules read (positive screen, grade set, prescription weeks, plan frequency),
    -- as a short code so the due list never parses `detail`.
    facts            TEXT NOT NULL DEFAULT '',
    supersedes       TEXT REFERENCES care_records (id),
    correction_reason TEXT NOT NULL DEFAULT '',
    CHECK ((supersedes IS NULL) = (correction_reason = ''))
);
CREATE UNIQUE INDEX care_records_supersedes ON care_records (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX care_records_resident ON care_records (resident_id, occurred_on);
-- Covering index of the due list's reads (item, date and facts of a resident's entries).
CREATE INDEX care_records_item ON care_records (resident_id, item, occurred_on, facts, id) WHERE item IS NOT NULL;
CREATE INDEX care_records_day ON care_records (occurred_on, kind);
CREATE TRIGGER care_records_no_update BEFORE UPDATE ON care_records
BEGIN
    SELECT RAISE(ABORT, 'care_records is append-only: correct by a superseding entry');
END;
CREATE TRIGGER care_records_no_delete BEFORE DELETE ON care_records
BEGIN
    SELECT RAISE(ABORT, 'care_records is append-only: correct by a superseding entry');
END;
