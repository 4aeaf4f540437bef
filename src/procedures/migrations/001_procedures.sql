-- Administrative procedures (thủ tục hành chính, TTHC) by national code, each with its versions
-- by effective date (a new publication decision adds a version; a version is never edited), and
-- the ISO processes that drive their dossiers: a process is a controlled document of kind
-- "process" (documents module); this module keeps which procedure and agency it serves and the
-- steps of each of its versions. Rows are never deleted: dossiers keep pointing at them.
CREATE TABLE procedures (
  id {{id}},
  code TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX procedures_code ON procedures(code);

CREATE TABLE procedure_versions (
  id {{id}},
  procedure_id BIGINT NOT NULL REFERENCES procedures(id),
  effective_from TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  time_value {{real}} NOT NULL,
  time_unit TEXT NOT NULL,
  fee TEXT NOT NULL,
  result TEXT NOT NULL,
  legal_basis_json TEXT NOT NULL,
  components_json TEXT NOT NULL,
  online_level TEXT NOT NULL,
  boundary_free INTEGER NOT NULL,
  cutoff_rule INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX procedure_versions_date ON procedure_versions(procedure_id, effective_from);

-- Competent agencies (cơ quan thực hiện) of one version.
CREATE TABLE procedure_agencies (
  version_id BIGINT NOT NULL REFERENCES procedure_versions(id),
  agency_id BIGINT NOT NULL,
  PRIMARY KEY (version_id, agency_id)
);
CREATE INDEX procedure_agencies_agency ON procedure_agencies(agency_id);

-- The process (quy trình nội bộ) of a procedure in one agency: one controlled document.
CREATE TABLE procedure_processes (
  procedure_id BIGINT NOT NULL REFERENCES procedures(id),
  agency_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (procedure_id, agency_id)
);
CREATE UNIQUE INDEX procedure_processes_document ON procedure_processes(document_id);

-- Steps of one version of a process; replaced whole while the version is a draft, frozen after.
CREATE TABLE process_steps (
  document_id BIGINT NOT NULL,
  version_number INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  responsible TEXT NOT NULL,
  kind TEXT NOT NULL,
  budget_value {{real}} NOT NULL,
  budget_unit TEXT NOT NULL,
  parallel_group INTEGER,
  agency_id BIGINT,
  PRIMARY KEY (document_id, version_number, position)
);
