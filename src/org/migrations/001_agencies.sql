-- Agencies (cơ quan) of the province: departments, sub-departments, district and commune
-- People's Committees, vertical agencies. A row is never deleted: it is deactivated with valid_to,
-- so that history (dossiers, ratings) stays true across reorganisations.
CREATE TABLE agencies (
  id {{id}},
  parent_id BIGINT REFERENCES agencies(id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  gso_code TEXT,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX agencies_unit_code ON agencies(unit_code);
CREATE INDEX agencies_parent ON agencies(parent_id);
