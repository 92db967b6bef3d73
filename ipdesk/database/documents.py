"""Writing parsed plans into a database file (plain sqlite3, no Qt): the one code path of the builder
(``ipdesk build``) and of the user's imports (ipdesk/database/library.py), which runs in the packaged program
where sqlite-utils is not shipped."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterable

from ..corpus.categories import STANDARD_CATEGORIES, category_order
from ..corpus.model import Document
from ..corpus.textrepair import decode


def category_ids(conn: sqlite3.Connection, docs: Iterable[Document]) -> dict[tuple[str, str], int]:
    """(domain, category) → id for every category of docs, adding the missing ones. Ids are stable: per domain, the
    standard categories first in their order, then the others in order of first use, after the existing ids."""
    known = {(d, n): i for i, d, n in conn.execute("SELECT id, domain, name FROM categories")}
    seen: dict[tuple[str, str], None] = {}
    for doc in docs:
        for c in doc.clauses:
            if (doc.domain, c.category) not in known:
                seen.setdefault((doc.domain, c.category))
    first_use = list(seen)
    ordered = sorted(first_use, key=lambda k: (k[0], category_order(k[1]), first_use.index(k)))
    next_id = max(known.values(), default=0) + 1
    for key in ordered:
        domain, name = key
        conn.execute(
            "INSERT INTO categories (id, domain, name, sort_order, standard) VALUES (?, ?, ?, ?, ?)",
            (next_id, domain, name, category_order(name), int(name in STANDARD_CATEGORIES)),
        )
        known[key] = next_id
        next_id += 1
    return known


def insert_document(
    conn: sqlite3.Connection,
    doc: Document,
    source_name: str,
    source: bytes | str,
    categories: dict[tuple[str, str], int],
    imported_at: str = "",
) -> int:
    """Insert one plan with its issuers, citations, clauses and matters (ids after the existing ones); returns its
    id. source: the file's bytes (the builder) or its decoded text (an import)."""
    source_text = source if isinstance(source, str) else decode(source)
    digest = hashlib.sha256(source if isinstance(source, bytes) else source.encode("utf-8")).hexdigest()
    cursor = conn.execute(
        "INSERT INTO documents (doc_no, title, notice_title, date, printed_date, region_code, domain, upper_level, "
        "lower_level, publicity, superseded_by, imported_at, source_file, source_sha256, warnings) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
        (
            doc.doc_no, doc.title, doc.notice_title, doc.date, doc.printed_date, doc.region_code or None, doc.domain,
            doc.upper_level, doc.lower_level, doc.publicity, imported_at, source_name, digest,
            json.dumps(doc.warnings, ensure_ascii=False),
        ),
    )  # fmt: skip
    doc_id = cursor.lastrowid
    conn.execute(
        "INSERT INTO document_texts (document_id, source_text, full_text) VALUES (?, ?, ?)",
        (doc_id, source_text, doc.full_text),
    )
    conn.executemany(
        "INSERT INTO issuers (document_id, seq, name) VALUES (?, ?, ?)",
        [(doc_id, i, name) for i, name in enumerate(doc.issuers, 1)],
    )
    conn.executemany(
        "INSERT INTO citations (document_id, seq, doc_no, title, cited_document_id) VALUES (?, ?, ?, ?, NULL)",
        [(doc_id, i, b.doc_no, b.title) for i, b in enumerate(doc.basis, 1)],
    )
    for seq, c in enumerate(doc.clauses, 1):
        clause_id = conn.execute(
            "INSERT INTO clauses (document_id, category_id, seq, place, category_heading, level, level_label, "
            'expenditure, expenditure_label, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (
                doc_id, categories[(doc.domain, c.category)], seq, c.place, c.category_heading, c.level,
                c.level_label, c.expenditure, c.expenditure_label, c.text, c.start, c.end,
            ),
        ).lastrowid  # fmt: skip
        conn.executemany(
            "INSERT INTO matters (clause_id, seq, name) VALUES (?, ?, ?)",
            [(clause_id, i, name) for i, name in enumerate(c.matters, 1)],
        )
    return doc_id


def link_citations(conn: sqlite3.Connection) -> None:
    """Point every citation at the plan in the database with its 文号 (a current one first), if there is one."""
    conn.execute(
        "UPDATE citations SET cited_document_id = (SELECT d.id FROM documents d WHERE d.doc_no = citations.doc_no "
        "ORDER BY d.superseded_by IS NOT NULL, d.id DESC LIMIT 1)"
    )


def mark_superseded(conn: sqlite3.Connection) -> None:
    """Within one region and domain, every plan but the newest is superseded by the next newer one; a bundled plan
    with the same 文号 as an imported one is superseded by it (shadowed, never replaced)."""
    conn.execute("UPDATE documents SET superseded_by = NULL")
    rows = conn.execute(
        "SELECT id, region_code, domain FROM documents WHERE region_code IS NOT NULL "
        "ORDER BY region_code, domain, date = '', date, imported_at != '', id"  # undated: newest
    ).fetchall()
    for (old, region, domain), (new, region2, domain2) in itertools.pairwise(rows):
        if (region, domain) == (region2, domain2):
            conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (new, old))
    conn.execute(
        "UPDATE documents SET superseded_by = (SELECT i.id FROM documents i WHERE i.doc_no = documents.doc_no "
        "AND i.imported_at != '' ORDER BY i.id DESC LIMIT 1) WHERE imported_at = '' AND doc_no != '' AND EXISTS "
        "(SELECT 1 FROM documents i WHERE i.doc_no = documents.doc_no AND i.imported_at != '')"
    )
