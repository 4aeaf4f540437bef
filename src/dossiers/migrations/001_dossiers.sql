-- Dossiers (hồ sơ TTHC) from the single window to their result. A dossier keeps the procedure
-- version and the process version (document, number) it was received under; its steps are copied
-- from that process. Every change appends a dossier_events row whose `metric` (if any) is what it
-- adds to dossier_stats in the same transaction: the statistics are a running sum of the events.
CREATE TABLE dossier_counters (
  agency_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day)
);

CREATE TABLE dossiers (
  id {{id}},
  agency_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  procedure_version_id BIGINT NOT NULL,
  process_document_id BIGINT NOT NULL,
  process_version INTEGER NOT NULL,
  number TEXT,
  secret_hash TEXT,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  channel INTEGER NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id_number TEXT NOT NULL,
  applicant_address TEXT NOT NULL,
  applicant_phone TEXT NOT NULL,
  applicant_email TEXT NOT NULL,
  components_json TEXT NOT NULL,
  missing_json TEXT NOT NULL,
  reasons TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  allowance_unit TEXT NOT NULL,
  allowance_amount INTEGER NOT NULL,
  cutoff_rule INTEGER NOT NULL,
  base_due_at BIGINT,
  due_at BIGINT,
  apologized INTEGER NOT NULL DEFAULT 0,
  notice_late INTEGER NOT NULL DEFAULT 0,
  paused_at BIGINT,
  result_positive INTEGER,
  resolved_at BIGINT,
  timeliness TEXT,
  returned_at BIGINT,
  handling_agency_id BIGINT,
  guided_closed INTEGER NOT NULL DEFAULT 0,
  received_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX dossiers_number ON dossiers(number);
CREATE INDEX dossiers_open ON dossiers(agency_id, status, due_at);

-- One row per step of the pinned process; steps of one parallel group share a stage and run
-- together; the next stage starts when every step of the current one is done.
CREATE TABLE dossier_steps (
  id {{id}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  position INTEGER NOT NULL,
  stage INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  budget_minutes BIGINT NOT NULL,
  budget_days INTEGER NOT NULL,
  agency_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  assignee_id BIGINT,
  started_at BIGINT,
  due_at BIGINT,
  finished_at BIGINT,
  finished_by BIGINT,
  timeliness TEXT
);
CREATE INDEX dossier_steps_dossier ON dossier_steps(dossier_id, position);
CREATE INDEX dossier_steps_assignee ON dossier_steps(assignee_id, state, due_at);
CREATE INDEX dossier_steps_unit ON dossier_steps(agency_id, state, kind, due_at);

CREATE TABLE dossier_events (
  id {{id}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  at BIGINT NOT NULL,
  actor_id BIGINT,
  kind TEXT NOT NULL,
  agency_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  metric TEXT,
  delta INTEGER NOT NULL,
  detail_json TEXT NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);

-- Counters per (agency, procedure, month, metric): received.1/2/3 (channel), guided, refused,
-- resolved.early / on_time / late / late_apology, withdrawn, stopped, returned.
CREATE TABLE dossier_stats (
  agency_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  metric TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (agency_id, period, procedure_id, metric)
);

-- Public lookups (not the audit chain): number asked, from where, whether it matched.
CREATE TABLE dossier_lookups (
  id {{id}},
  number TEXT NOT NULL,
  at BIGINT NOT NULL,
  remote_addr TEXT NOT NULL,
  found INTEGER NOT NULL
);

-- Lateness for the quality module (nonconformity candidates).
CREATE TABLE dossier_quality_events (
  id {{id}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  step_id BIGINT,
  agency_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  detail_json TEXT NOT NULL
);
CREATE INDEX dossier_quality_events_agency ON dossier_quality_events(agency_id, at);
