-- Append-only, hash-chained event log (nhật ký kiểm tra). Each row carries the hash of the
-- previous one; eiso audit verify recomputes the chain and names the first broken link.
CREATE TABLE audit_events (
  id {{id}},
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor_agency_id BIGINT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  agency_id BIGINT,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);
CREATE INDEX audit_events_agency ON audit_events(agency_id, at);
