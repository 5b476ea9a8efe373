-- 0001: installation, institutions, users, residents, search index, outbox and revisions.
-- A released migration is never edited: add 0002_… instead.
--
-- Every synced table carries: id (UUIDv7 text, minted by the client), version (bumped on each
-- change), created_at/updated_at (RFC 3339 UTC), created_by/updated_by (user ids) and deleted_at
-- (tombstone; rows are never hard-deleted). `rid` is a local integer key so that the search index
-- can point at rows by a rowid that VACUUM never renumbers.

CREATE TABLE institutions (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('township_clinic', 'community_health_center', 'elderly_home', 'care_institution')),
    name           TEXT NOT NULL CHECK (length(name) > 0),
    credit_code    TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    county_code    TEXT NOT NULL CHECK (length(county_code) = 6),
    township_code  TEXT NOT NULL CHECK (length(township_code) = 3),
    village_code   TEXT NOT NULL CHECK (length(village_code) = 3),
    address        TEXT NOT NULL DEFAULT '',
    contact_phone  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    name           TEXT NOT NULL CHECK (length(name) > 0)
);

-- One row: this installation (device) and whom it belongs to.
CREATE TABLE installation (
    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    institution_id TEXT REFERENCES institutions (id),
    user_id        TEXT REFERENCES users (id)
);

CREATE TABLE residents (
    rid                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    version                 INTEGER NOT NULL CHECK (version >= 1),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    created_by              TEXT NOT NULL,
    updated_by              TEXT NOT NULL,
    deleted_at              TEXT,
    institution_id          TEXT NOT NULL REFERENCES institutions (id),
    name                    TEXT NOT NULL CHECK (length(name) > 0),
    name_sort               TEXT NOT NULL,
    pinyin_initials         TEXT NOT NULL,
    id_rev                  TEXT NOT NULL,
    phone_digits            TEXT NOT NULL,
    phone_rev               TEXT NOT NULL,
    id_number               TEXT NOT NULL CHECK (length(id_number) = 18),
    sex                     TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date              TEXT NOT NULL,
    phone                   TEXT NOT NULL DEFAULT '',
    address                 TEXT NOT NULL,
    hukou_address           TEXT NOT NULL DEFAULT '',
    living_kind             TEXT NOT NULL CHECK (living_kind IN ('home', 'nursing_home')),
    nursing_home_id         TEXT REFERENCES institutions (id),
    room                    TEXT NOT NULL DEFAULT '',
    bed                     TEXT NOT NULL DEFAULT '',
    emergency_contact_name  TEXT NOT NULL DEFAULT '',
    emergency_contact_phone TEXT NOT NULL DEFAULT '',
    medical_insurance       TEXT NOT NULL,
    ltc_insurance           INTEGER NOT NULL CHECK (ltc_insurance IN (0, 1)),
    special_categories      TEXT NOT NULL DEFAULT '[]',
    chronic_conditions      TEXT NOT NULL DEFAULT '[]',
    allergies               TEXT NOT NULL DEFAULT '',
    health_file_no          TEXT NOT NULL UNIQUE CHECK (length(health_file_no) = 17),
    status                  TEXT NOT NULL CHECK (status IN ('active', 'moved', 'deceased')),
    status_date             TEXT,
    status_note             TEXT NOT NULL DEFAULT '',
    CHECK ((living_kind = 'nursing_home') = (nursing_home_id IS NOT NULL)),
    CHECK ((status = 'active') = (status_date IS NULL))
);
-- Live rows only (partial indexes), so paging with OFFSET skips entries inside the index
-- without reading each row to check its tombstone.
CREATE UNIQUE INDEX residents_id_number ON residents (id_number) WHERE deleted_at IS NULL;
CREATE INDEX residents_name ON residents (name) WHERE deleted_at IS NULL;
CREATE INDEX residents_pinyin_initials ON residents (pinyin_initials, name_sort) WHERE deleted_at IS NULL;
CREATE INDEX residents_name_sort ON residents (name_sort, rid) WHERE deleted_at IS NULL;
CREATE INDEX residents_birth_date ON residents (birth_date, rid) WHERE deleted_at IS NULL;
CREATE INDEX residents_updated_at ON residents (updated_at, rid) WHERE deleted_at IS NULL;
CREATE INDEX residents_file_no_live ON residents (health_file_no) WHERE deleted_at IS NULL;
-- The same orders within one status (the list's 在档 / 迁出 / 死亡 filter).
CREATE INDEX residents_status_name_sort ON residents (status, name_sort, rid) WHERE deleted_at IS NULL;
CREATE INDEX residents_status_birth_date ON residents (status, birth_date, rid) WHERE deleted_at IS NULL;
CREATE INDEX residents_status_file_no ON residents (status, health_file_no) WHERE deleted_at IS NULL;
CREATE INDEX residents_status_updated_at ON residents (status, updated_at, rid) WHERE deleted_at IS NULL;
-- Number fragments: prefixes and (through the reversed copies) suffixes of 身份证号 and phone,
-- and fragments starting at the birth date (digit 7 on).
CREATE INDEX residents_id_rev ON residents (id_rev) WHERE deleted_at IS NULL;
CREATE INDEX residents_id_birth ON residents (substr(id_number, 7)) WHERE deleted_at IS NULL;
CREATE INDEX residents_phone_digits ON residents (phone_digits) WHERE deleted_at IS NULL;
CREATE INDEX residents_phone_rev ON residents (phone_rev) WHERE deleted_at IS NULL;

-- Search: name substrings and pinyin keys as tokens (1- and 2-character names work, which a
-- trigram index alone cannot do). rowid = residents.rid. Contentless (the terms are derived from
-- the name, so nothing is stored twice); maintained by the store in the row's transaction.
CREATE VIRTUAL TABLE resident_terms USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3', detail = none, content = '', contentless_delete = 1);

-- Local changes waiting to be pushed: one mutation per write, appended in the write's transaction.
-- seq is the per-device mutation sequence number the county uses for exactly-once apply.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id  TEXT NOT NULL UNIQUE,
    device_id    TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    local_time   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'applied', 'rejected', 'conflict'))
);
CREATE INDEX outbox_pending ON outbox (state, seq);
CREATE INDEX outbox_row ON outbox (table_name, row_id);

-- Change history of every synced row (what changed, from what, to what, by whom, when).
-- Unlike the outbox it is never pruned after a push.
CREATE TABLE revisions (
    rid        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('created', 'updated', 'status_changed', 'deleted')),
    changes    TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (table_name, row_id, version)
);

-- Pull cursor and other sync bookkeeping (used by the sync client later).
CREATE TABLE sync_state (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    pull_cursor TEXT
);
INSERT INTO sync_state (singleton, pull_cursor) VALUES (1, NULL);
