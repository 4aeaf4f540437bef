-- The province's calendar as data. calendar_decisions: each year's announced arrangement as
-- administrators enter it (extra days off, make-up working days, Tết and Quốc khánh placement),
-- each with its legal basis; a row overrides the built-in arrangement of its date, and any
-- tet_day / national_day_adjacent row replaces the built-in placement of its year.
-- calendar_unit_settings: weekly rest days, office sessions and Saturday-morning reception;
-- agency_id NULL is the province's row, any other a unit's override (NULL columns inherit).
-- calendar_version: bumped by every write, so each eiso process notices another's change.
CREATE TABLE calendar_decisions (
  id {{id}},
  year INTEGER NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day', 'tet_day', 'national_day_adjacent')),
  reason_vi TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  legal_basis_date TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX calendar_decisions_date ON calendar_decisions(date);
CREATE INDEX calendar_decisions_year ON calendar_decisions(year);
CREATE TABLE calendar_unit_settings (
  id {{id}},
  agency_id BIGINT REFERENCES agencies(id),
  weekly_rest INTEGER,
  sessions TEXT,
  saturday_morning_reception INTEGER,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX calendar_unit_settings_agency ON calendar_unit_settings((COALESCE(agency_id, 0)));
CREATE TABLE calendar_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 0);
