"""The schema of ipfiscal.sqlite (documented column by column in docs/schema.md): written by ipdesk.database,
checked by ipdesk.store when it opens a file."""

from __future__ import annotations

from .levels import LEVELS

#: PRAGMA user_version of the database this code writes and reads. Bump on every schema change.
SCHEMA_VERSION = 8

LEVEL_CHECK = "(" + ",".join(f"'{level}'" for level in LEVELS) + ")"

SCHEMA = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,                 -- GB/T 2260, six digits
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province','prefecture','county')),
    parent_code TEXT REFERENCES regions(code)
);
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc_no        TEXT NOT NULL,                  -- 发文字号, normalised: 包府办发〔2025〕42号
    title         TEXT NOT NULL,                  -- the plan's own title
    notice_title  TEXT NOT NULL DEFAULT '',       -- 关于印发……的通知
    date          TEXT NOT NULL DEFAULT '',       -- YYYY-MM-DD (成文日期, else the 印发 date)
    printed_date  TEXT NOT NULL DEFAULT '',       -- YYYY-MM-DD of "……印发"
    region_code   TEXT REFERENCES regions(code),
    domain        TEXT NOT NULL DEFAULT '',       -- 知识产权, 医疗卫生 …
    upper_level   TEXT NOT NULL DEFAULT '',       -- 市本级, 自治区级, 市级 …
    lower_level   TEXT NOT NULL DEFAULT '',       -- 旗县区, 盟市, 县区, 县级 …
    publicity     TEXT NOT NULL DEFAULT '',       -- （此件公开发布）…
    superseded_by INTEGER REFERENCES documents(id),
    imported_at   TEXT NOT NULL DEFAULT '',       -- '' for a bundled plan; when the user imported it (本机导入)
    source_file   TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    warnings      TEXT NOT NULL DEFAULT '[]',     -- JSON array of parser warnings
    clause_count  INTEGER NOT NULL DEFAULT 0      -- its clauses (precomputed: database/derived.py)
);
-- the texts apart from the plans' other columns: a plan's row is read at every selection, its texts only to be shown
CREATE TABLE document_texts (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    source_text TEXT NOT NULL,                  -- the source exactly as read (decoded)
    full_text   TEXT NOT NULL                   -- repaired text, one paragraph per line
);
CREATE TABLE issuers (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE TABLE citations (
    document_id       INTEGER NOT NULL REFERENCES documents(id),
    seq               INTEGER NOT NULL,
    doc_no            TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    cited_document_id INTEGER REFERENCES documents(id),
    PRIMARY KEY (document_id, seq)
);
CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    domain     TEXT NOT NULL,
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    standard   INTEGER NOT NULL CHECK (standard IN (0, 1)),
    clause_count INTEGER NOT NULL DEFAULT 0,      -- clauses of current plans in it (precomputed)
    UNIQUE (domain, name)
);
CREATE TABLE clauses (
    id                INTEGER PRIMARY KEY,
    document_id       INTEGER NOT NULL REFERENCES documents(id),
    category_id       INTEGER NOT NULL REFERENCES categories(id),
    seq               INTEGER NOT NULL,           -- order in the document, from 1
    place             TEXT NOT NULL,              -- 一、（二）
    category_heading  TEXT NOT NULL,              -- the heading as written (typos kept)
    level             TEXT NOT NULL CHECK (level IN {LEVEL_CHECK}),
    level_label       TEXT NOT NULL,
    expenditure       TEXT NOT NULL CHECK (expenditure IN {LEVEL_CHECK} OR expenditure = ''),
    expenditure_label TEXT NOT NULL,
    text              TEXT NOT NULL,
    start             INTEGER NOT NULL,           -- offsets of text in document_texts.full_text
    end               INTEGER NOT NULL
);
CREATE TABLE matters (
    id        INTEGER PRIMARY KEY,
    clause_id INTEGER NOT NULL REFERENCES clauses(id),
    seq       INTEGER NOT NULL,
    name      TEXT NOT NULL
);
CREATE TABLE derived (
    name TEXT PRIMARY KEY,      -- what the window needs at start, precomputed (database/derived.py)
    data BLOB NOT NULL          -- a little-endian array (docs/schema.md, "Precomputed")
) WITHOUT ROWID;
CREATE INDEX documents_region ON documents(region_code);
-- covering: the region tree's counts from the index alone
CREATE INDEX documents_counts ON documents(superseded_by, region_code, clause_count, imported_at);
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX clauses_document ON clauses(document_id, seq);
CREATE INDEX clauses_category ON clauses(category_id, level);
CREATE INDEX matters_clause ON matters(clause_id);
-- covering: a matter's clause ids without reading the table (≈ 3 ms instead of 10 for 6,000 clauses)
CREATE INDEX matters_name ON matters(name, clause_id);
CREATE INDEX citations_doc_no ON citations(doc_no);
"""

#: The search index (built by ipdesk.database.search_index; docs/schema.md, "Search index").
SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE search_fts USING fts5(folded, tags, tokenize = 'trigram', content = '', detail = full);
CREATE TABLE search_grams (
    gram TEXT PRIMARY KEY,      -- 1 or 2 characters of folded text, or 3 common ones (TRIGRAM_SHARE)
    ids  BLOB NOT NULL          -- sorted clause ids (see encode_ids)
) WITHOUT ROWID;
"""

SEARCH_TABLES = ("search_fts", "search_grams")

#: The tables a file must have to be opened.
REQUIRED_TABLES = frozenset(
    {
        "meta",
        "regions",
        "documents",
        "document_texts",
        "issuers",
        "citations",
        "categories",
        "clauses",
        "matters",
        "derived",
        *SEARCH_TABLES,
    }
)
