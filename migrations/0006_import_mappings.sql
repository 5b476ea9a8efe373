-- The column mapping last used to import a resident list, per institution: the nursing home the
-- list came from (each home keeps its own sheet layout), or this clinic for residents at home.
-- Local convenience only: not synced, not medical data.
CREATE TABLE import_mappings (
    institution_id TEXT PRIMARY KEY,
    -- JSON [{column, field}]
    mapping        TEXT NOT NULL,
    -- JSON: the header texts of the mapped columns, so a sheet of another layout is not
    -- silently read with it
    headers        TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
);
