-- The knowledge base itself, per site, for replicas: every file's text, a version number that every
-- save increases (replicas compare it with theirs and are told of it by NOTIFY cdm_faq_kb), and the
-- editors' history of saves.
CREATE TABLE kb_versions (
    site TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE TABLE kb_files (
    site TEXT NOT NULL REFERENCES kb_versions (site) ON DELETE CASCADE,
    path TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (site, path)
);

CREATE TABLE kb_revisions (
    id BIGSERIAL PRIMARY KEY,
    site TEXT NOT NULL,
    version BIGINT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    roles TEXT NOT NULL,
    file TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    diff TEXT NOT NULL
);

CREATE INDEX kb_revisions_file ON kb_revisions (site, file, id);
