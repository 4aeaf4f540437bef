-- Two more roll-ups kept with each event: the province per month (the dashboard's totals and
-- its months), and every agency over all time (what is in progress now = received − resolved −
-- withdrawn − stopped, corrections included). Overdue dossiers are counted from a partial index
-- holding only the open dossiers whose clock runs (2, 4), searched by due time.
CREATE TABLE dossier_stats_province (
  period TEXT NOT NULL,
  metric TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (period, metric)
);
CREATE TABLE dossier_stats_alltime (
  agency_id BIGINT NOT NULL,
  metric TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (agency_id, metric)
);
INSERT INTO dossier_stats_province (period, metric, count)
  SELECT period, metric, SUM(count) FROM dossier_stats GROUP BY period, metric;
INSERT INTO dossier_stats_alltime (agency_id, metric, count)
  SELECT agency_id, metric, SUM(count) FROM dossier_stats GROUP BY agency_id, metric;
CREATE INDEX dossiers_running_due ON dossiers(due_at, agency_id) WHERE status IN (2, 4);
CREATE INDEX dossiers_running_agency_due ON dossiers(agency_id, due_at) WHERE status IN (2, 4);
