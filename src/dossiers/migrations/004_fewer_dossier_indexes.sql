-- Two indexes that repeated others: every query by agency and status, open or overdue, is answered
-- from dossiers_open (agency_id, status, due_at) on SQLite, or from the partial dossiers_running_due
-- (due_at, agency_id; running dossiers only) on PostgreSQL, as the planners chose on a
-- province-year; while each change of status moved an entry in all of them.
DROP INDEX IF EXISTS dossiers_open_now;
DROP INDEX IF EXISTS dossiers_running_agency_due;
