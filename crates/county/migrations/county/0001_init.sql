-- 县级服务器 schema, version 1. Released migrations are never edited: add 0002_… instead.

-- Every county write stamps the rows and conflicts it changes with (transaction id, position);
-- pull hands them out in that order (docs/sync-protocol.md, "Commit order").
CREATE SEQUENCE change_pos_seq;

-- An enrolled laptop. The bearer token is kept only as its SHA-256 (hex).
CREATE TABLE devices (
    id             uuid PRIMARY KEY,
    institution_id uuid NOT NULL,
    name           text NOT NULL,
    token_hash     text NOT NULL UNIQUE,
    enrolled_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    -- The highest mutation seq settled for this device (exactly-once push).
    high_water     bigint NOT NULL DEFAULT 0
);

-- One-time enrolment codes, kept only as SHA-256 of the normalised code.
CREATE TABLE enrol_codes (
    code_hash      text PRIMARY KEY,
    institution_id uuid NOT NULL,
    issued_at      timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    used_by        uuid
);

-- Every synced row of every synced table (institutions, users, care_teams, residents, contracts,
-- agreements, care_records): `fields` holds the laptop's camelCase wire fields. The reference
-- columns are extracted by validation so authorisation and pull filters need no JSON digging.
CREATE TABLE rows (
    tbl        text NOT NULL,
    id         uuid NOT NULL,
    version    bigint NOT NULL,
    fields     jsonb NOT NULL,
    -- The institution the row belongs to (institutionId / clinicId), if any.
    owner      uuid,
    -- The nursing home it concerns (nursingHomeId), if any.
    home       uuid,
    -- The resident it concerns (residentId), if any.
    resident   uuid,
    id_number  text,
    deleted    boolean NOT NULL DEFAULT false,
    created_at text NOT NULL,
    created_by text NOT NULL,
    updated_at text NOT NULL,
    updated_by text NOT NULL,
    change_xid bigint NOT NULL,
    change_pos bigint NOT NULL,
    PRIMARY KEY (tbl, id)
);
CREATE INDEX rows_change ON rows (change_xid, change_pos);
CREATE INDEX rows_owner ON rows (tbl, owner);
CREATE INDEX rows_home ON rows (tbl, home);
CREATE INDEX rows_resident ON rows (tbl, resident);
CREATE INDEX rows_id_number ON rows (id_number) WHERE tbl = 'residents' AND NOT deleted;

-- The result of every settled mutation, returned again when the laptop retries.
CREATE TABLE mutations (
    device_id   uuid NOT NULL,
    seq         bigint NOT NULL,
    mutation_id text NOT NULL,
    result      jsonb NOT NULL,
    settled_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, seq)
);

-- One record per conflicting field (protocol ConflictRecord).
CREATE TABLE conflicts (
    id               uuid PRIMARY KEY,
    tbl              text NOT NULL,
    row_id           uuid NOT NULL,
    field            text NOT NULL,
    kept_value       jsonb NOT NULL,
    other_value      jsonb NOT NULL,
    other_device_id  text NOT NULL,
    other_actor_id   text NOT NULL,
    other_local_time text NOT NULL,
    status           text NOT NULL DEFAULT 'open',
    resolved_value   jsonb,
    resolved_by      text,
    opened_at        text NOT NULL,
    resolved_at      text,
    change_xid       bigint NOT NULL,
    change_pos       bigint NOT NULL
);
CREATE INDEX conflicts_change ON conflicts (change_xid, change_pos);
CREATE INDEX conflicts_row ON conflicts (tbl, row_id);

-- Rejected mutations, for the administrator (`yiyang-county quarantine list`).
CREATE TABLE quarantine (
    id        bigserial PRIMARY KEY,
    device_id uuid NOT NULL,
    seq       bigint NOT NULL,
    mutation  jsonb NOT NULL,
    code      text NOT NULL,
    field     text,
    message   text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);

-- Two live residents with the same 身份证号: the county decides whether they are one person.
CREATE TABLE merge_candidates (
    id                bigserial PRIMARY KEY,
    id_number         text NOT NULL,
    resident_id       uuid NOT NULL,
    other_resident_id uuid NOT NULL,
    status            text NOT NULL DEFAULT 'open',
    found_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (resident_id, other_resident_id)
);
