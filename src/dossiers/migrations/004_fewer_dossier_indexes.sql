-- Two indexes that repeated dossiers_open (agency_id, status, due_at): every query by agency and
-- status, open or overdue, is answered from dossiers_open (SQLite chose it over them on a province-year), while
-- each change of status moved an entry in all three. Province-wide overdue counts keep
-- dossiers_running_due (due_at first).
DROP INDEX IF EXISTS dossiers_open_now;
DROP INDEX IF EXISTS dossiers_running_agency_due;
