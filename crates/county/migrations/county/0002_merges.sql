-- 县级服务器 schema, version 2: duplicate residents merged (and un-merged) by the administrator
-- (`yiyang-county merge apply|undo`, crates/county/src/resident_merge.rs). Never edit once released.

-- One decision on a merge candidate: which file survives, which references moved, which stayed.
-- A merge is undone by setting undone_at/undone_by; the row stays as history.
CREATE TABLE resident_merges (
    id            bigserial PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES merge_candidates (id),
    survivor_id   uuid NOT NULL,
    merged_id     uuid NOT NULL,
    id_number     text NOT NULL,
    decided_by    text NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now(),
    -- The rows whose reference moved to the survivor:
    -- [{table, id, field, before, after, pinnedInstitutionId}].
    repointed     jsonb NOT NULL,
    -- The references not moved, with the reason: [{table, id?, count?, reason}].
    -- ("left" is a reserved word in SQL, hence the name.)
    left_refs     jsonb NOT NULL,
    -- The merged resident's {status, statusDate, statusNote} before and as the merge wrote them
    -- (undo restores the former only while the row still holds the latter).
    merged_before jsonb NOT NULL,
    merged_after  jsonb NOT NULL,
    undone_at     timestamptz,
    undone_by     text,
    -- What the undo could not restore (changed since the merge), with the reason.
    undo_left     jsonb
);
CREATE INDEX resident_merges_candidate ON resident_merges (candidate_id);
-- A candidate is merged at most once at a time.
CREATE UNIQUE INDEX resident_merges_one_live ON resident_merges (candidate_id)
    WHERE undone_at IS NULL;
