-- Users (người dùng) belong to one agency and hold a set of roles (bit mask, see core/actor.hpp).
CREATE TABLE users (
  id {{id}},
  agency_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  full_name TEXT NOT NULL,
  email TEXT,
  password_hash TEXT NOT NULL,
  roles INTEGER NOT NULL,
  province_wide INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  password_changed_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_agency ON users(agency_id);

-- Sessions are kept by the SHA-256 of their token, never the token itself.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Login attempts per client address in a fixed window (rate limit shared by every eiso process).
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  attempts INTEGER NOT NULL
);
