"""Every plan of a database in the JSON form of the command line (``ipdesk export``): corpus.model.Document.to_json,
the same form ``parse`` prints, with whether it is superseded, its source file and when it was imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..corpus.model import BasisCitation, Clause, Document

if TYPE_CHECKING:
    from .repository import Repository


def export_documents(repo: Repository) -> list[dict]:
    """Every plan in the JSON form of the command line (corpus.model.Document.to_json, the same as ``parse``),
    with whether it is superseded and the source file it was built from."""
    result = []
    for document_id in repo.document_ids():
        info = repo.document(document_id)
        matters: dict[int, list[str]] = {}
        for clause_id, name in repo._query(
            "SELECT m.clause_id, m.name FROM matters m JOIN clauses c ON c.id = m.clause_id "
            "WHERE c.document_id = ? ORDER BY m.clause_id, m.seq",
            (document_id,),
        ):
            matters.setdefault(clause_id, []).append(name)
        clauses = [
            Clause(**{k: v for k, v in dict(row).items() if k != "id"}, matters=matters.get(row["id"], []))
            for row in repo._records(
                "SELECT c.id, k.name AS category, c.category_heading, c.place, c.level, c.level_label, "
                'c.expenditure, c.expenditure_label, c.text, c.start, c."end" FROM clauses c '
                "JOIN categories k ON k.id = c.category_id WHERE c.document_id = ? ORDER BY c.seq",
                (document_id,),
            )
        ]
        document = Document(
            doc_no=info.doc_no,
            title=info.title,
            notice_title=info.notice_title,
            issuers=list(info.issuers),
            date=info.date,
            printed_date=info.printed_date,
            region=info.region_name,
            region_code=info.region_code,
            province=info.province_name,
            domain=info.domain,
            upper_level=info.upper_level,
            lower_level=info.lower_level,
            basis=[BasisCitation(b.doc_no, b.title) for b in info.basis],
            publicity=info.publicity,
            clauses=clauses,
            warnings=list(info.warnings),
        )
        result.append(
            {
                **document.to_json(),
                "superseded": info.superseded_by is not None,
                "source_file": info.source_file,
                "imported_at": info.imported_at,
            }
        )
    return result
