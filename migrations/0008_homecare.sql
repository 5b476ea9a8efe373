-- 0008: home and community care (issue 8). Plans, deliveries, family beds and bed visits are
-- care records (kinds home_care_plan, home_service, family_bed, family_bed_end, bed_visit), so
-- they need no table of their own; this adds the county's catalogue items and an index of those
-- entries.

-- Items a county adds to the built-in service catalogue, or built-in items it re-prices (same
-- code). Local to this laptop: each delivery copies the price it was charged at into its entry,
-- so a catalogue change never alters a logged delivery or a past statement.
CREATE TABLE service_catalogue (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    unit        TEXT NOT NULL CHECK (unit IN ('visit', 'hour', 'meal')),
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    payer       TEXT NOT NULL CHECK (payer IN ('self_paid', 'government', 'long_term_care')),
    subsidised  TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

-- The home-care entries of a resident in date order (they have no 7+3+4 item, so the item
-- indexes do not hold them). Partial: the 7+3+4 log's rows never enter it.
CREATE INDEX care_records_home_care ON care_records (resident_id, occurred_on, kind)
    WHERE kind IN ('home_care_plan', 'home_service', 'family_bed', 'family_bed_end', 'bed_visit');
