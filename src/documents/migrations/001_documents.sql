-- The QMS registry (HTQLCL): one QMS owned by one agency, covering its member agencies (the owner
-- included; an agency belongs to at most one QMS), with its scope and every (re-)announcement.
CREATE TABLE qms (
  id {{id}},
  owner_agency_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  edition TEXT NOT NULL CHECK (edition IN ('2008', '2015')),
  scope_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX qms_owner ON qms(owner_agency_id);
CREATE TABLE qms_members (
  qms_id BIGINT NOT NULL REFERENCES qms(id),
  agency_id BIGINT NOT NULL,
  PRIMARY KEY (qms_id, agency_id)
);
CREATE UNIQUE INDEX qms_members_agency ON qms_members(agency_id);
CREATE TABLE qms_announcements (
  id {{id}},
  qms_id BIGINT NOT NULL REFERENCES qms(id),
  re_announcement INTEGER NOT NULL,
  decision_number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  signer TEXT NOT NULL,
  dost_notice_date TEXT,
  posted_office_date TEXT,
  posted_website_date TEXT,
  scope_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX qms_announcements_qms ON qms_announcements(qms_id);

-- Controlled documents and their versions. Exactly one issued version per document: the partial
-- unique index makes a second one impossible whatever the code does.
CREATE TABLE documents (
  id {{id}},
  qms_id BIGINT NOT NULL REFERENCES qms(id),
  agency_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  legal_update_due TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX documents_code ON documents(qms_id, code);
CREATE TABLE document_versions (
  id {{id}},
  document_id BIGINT NOT NULL REFERENCES documents(id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  amendments_json TEXT NOT NULL,
  effective_date TEXT,
  review_due_date TEXT,
  search_text TEXT NOT NULL,
  drafted_by BIGINT, drafted_at BIGINT,
  reviewed_by BIGINT, reviewed_at BIGINT,
  approved_by BIGINT, approved_at BIGINT,
  issued_by BIGINT, issued_at BIGINT,
  superseded_at BIGINT,
  content_hash TEXT,
  signature TEXT,
  signer_public_key TEXT,
  sign_meaning TEXT,
  signed_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX document_versions_number ON document_versions(document_id, number);
CREATE UNIQUE INDEX document_versions_one_issued ON document_versions(document_id) WHERE state = 'issued';

-- Content-addressed files: metadata always here; bytes on disk (SQLite) or in file_blobs.
CREATE TABLE files (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE file_blobs (
  sha256 TEXT PRIMARY KEY,
  bytes {{blob}} NOT NULL
);
CREATE TABLE version_attachments (
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  PRIMARY KEY (version_id, sha256)
);

-- Ed25519 keys of approvers; the private key sealed (crypto_secretbox) under the server secret.
CREATE TABLE signing_keys (
  user_id BIGINT PRIMARY KEY,
  public_key TEXT NOT NULL,
  sealed_private_key TEXT NOT NULL,
  nonce TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Distribution: one row per recipient of an issued version; acknowledged = "đã đọc và hiểu".
CREATE TABLE document_receipts (
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  user_id BIGINT NOT NULL,
  agency_id BIGINT NOT NULL,
  sent_by BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  PRIMARY KEY (version_id, user_id)
);
CREATE INDEX document_receipts_user ON document_receipts(user_id);

-- Legal texts documents rest on (căn cứ pháp lý); a change starts the 3-month update clock
-- (QĐ 19/2014 art. 4.4a).
CREATE TABLE legal_texts (
  id {{id}},
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  changed_on TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX legal_texts_number ON legal_texts(number);
CREATE TABLE document_legal_bases (
  document_id BIGINT NOT NULL REFERENCES documents(id),
  legal_text_id BIGINT NOT NULL REFERENCES legal_texts(id),
  PRIMARY KEY (document_id, legal_text_id)
);
CREATE INDEX document_legal_bases_text ON document_legal_bases(legal_text_id);
