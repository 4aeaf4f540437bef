-- Roll-ups of dossier_stats kept in the same transaction as each event, so that a province's
-- dashboard over a whole year sums a few thousand rows instead of every (agency, procedure) pair:
-- per agency (all its procedures) and per procedure (the whole province).
CREATE TABLE dossier_stats_agency (
  agency_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  metric TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (period, agency_id, metric)
);
CREATE INDEX dossier_stats_agency_by_agency ON dossier_stats_agency(agency_id, period);

CREATE TABLE dossier_stats_procedure (
  procedure_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  metric TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (period, procedure_id, metric)
);

INSERT INTO dossier_stats_agency (agency_id, period, metric, count)
  SELECT agency_id, period, metric, SUM(count) FROM dossier_stats GROUP BY agency_id, period, metric;
INSERT INTO dossier_stats_procedure (procedure_id, period, metric, count)
  SELECT procedure_id, period, metric, SUM(count) FROM dossier_stats GROUP BY procedure_id, period, metric;

-- Open dossiers only (a few per cent of a year): in-progress and overdue counts read this index
-- alone, whatever the number of closed dossiers.
CREATE INDEX dossiers_open_now ON dossiers(agency_id, status, due_at) WHERE status IN (2, 4, 5, 6);
