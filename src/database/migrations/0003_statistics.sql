-- Anonymous statistics per site, shared by replicas: the same tables as the SQLite file (counts by
-- hour and figure, never a person; scrubbed questions by day), every row tagged with its site. Counts
-- from several replicas add up in the same rows.
CREATE TABLE stats_replies (
    site TEXT NOT NULL,
    hour TEXT NOT NULL,
    page_lang TEXT NOT NULL,
    reply_lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    theme TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    confidence_band TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (site, hour, page_lang, reply_lang, kind, theme, entry_id, partner_id, confidence_band)
);

CREATE TABLE stats_unanswered (
    id BIGSERIAL PRIMARY KEY,
    site TEXT NOT NULL,
    day TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    closest_entry TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL
);

CREATE INDEX stats_unanswered_day ON stats_unanswered (site, day);
CREATE INDEX stats_unanswered_site ON stats_unanswered (site, id);

CREATE TABLE stats_feedback (
    site TEXT NOT NULL,
    day TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    helpful BOOLEAN NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (site, day, entry_id, helpful)
);

CREATE TABLE stats_views (
    site TEXT NOT NULL,
    hour TEXT NOT NULL,
    via TEXT NOT NULL,
    lang TEXT NOT NULL,
    theme TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (site, hour, via, lang, theme, entry_id)
);
