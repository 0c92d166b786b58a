-- Staff accounts and their sessions, per site: a session opened on one replica is valid on every
-- replica of the same site, and on no other site.
CREATE TABLE accounts (
    site TEXT NOT NULL,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    lang TEXT,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (site, name)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    account TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    FOREIGN KEY (site, account) REFERENCES accounts (site, name) ON DELETE CASCADE
);

CREATE INDEX sessions_account ON sessions (site, account);
