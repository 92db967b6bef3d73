"""The schema of ipfiscal.sqlite (documented column by column in docs/schema.md)."""

from __future__ import annotations

#: PRAGMA user_version of the database this code writes and reads. Bump on every schema change.
SCHEMA_VERSION = 4

LEVEL_CHECK = "('upper','lower','shared','affiliation','territory','residual','unknown')"

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
    source_file   TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_text   TEXT NOT NULL,                  -- the source exactly as read (decoded)
    full_text     TEXT NOT NULL,                  -- repaired text, one paragraph per line
    warnings      TEXT NOT NULL DEFAULT '[]'      -- JSON array of parser warnings
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
    start             INTEGER NOT NULL,           -- offsets of text in documents.full_text
    end               INTEGER NOT NULL
);
CREATE TABLE matters (
    id        INTEGER PRIMARY KEY,
    clause_id INTEGER NOT NULL REFERENCES clauses(id),
    seq       INTEGER NOT NULL,
    name      TEXT NOT NULL
);
CREATE INDEX documents_region ON documents(region_code);
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX clauses_document ON clauses(document_id, seq);
CREATE INDEX clauses_category ON clauses(category_id, level);
CREATE INDEX matters_clause ON matters(clause_id);
CREATE INDEX matters_name ON matters(name);
CREATE INDEX citations_doc_no ON citations(doc_no);
"""
