"""A folder of document texts → data/ipfiscal.sqlite (with sqlite-utils; no Qt).

The database is written to a temporary file beside the target and moved into place only when complete,
so a failed build never leaves a broken database behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .. import __version__
from ..corpus.gazetteer import gazetteer
from ..corpus.model import Document
from ..corpus.parser import parse_bytes
from ..corpus.textrepair import InputError
from ..dbformat.schema import SCHEMA, SCHEMA_VERSION
from .derived import write_derived
from .documents import category_ids, insert_document, link_citations, mark_superseded
from .search_index import build_search_index

SOURCE_SUFFIXES = (".txt",)


class BuildError(RuntimeError):
    """A build that cannot produce a database (the message is for the user, in Chinese)."""


@dataclass
class BuildReport:
    documents: int = 0
    clauses: int = 0
    warnings: list[str] = field(default_factory=list)  # "file: warning"


def source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)


def build(sources: Path, out: Path, built_at: str | None = None) -> BuildReport:
    """Parse every text in sources and write the database to out."""
    if not sources.is_dir():
        raise BuildError(f"方案文本目录不存在：{sources}")
    files = source_files(sources)
    if not files:
        raise BuildError(f"目录中没有文档文本（*.txt）：{sources}")
    if not out.parent.is_dir():
        raise BuildError(f"保存数据库的文件夹不存在：{out.parent}")
    parsed: list[tuple[Path, bytes, Document]] = []
    report = BuildReport()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BuildError(f"无法读取 {path.name}（没有读取权限或文件已损坏）：{path}") from exc
        try:
            doc = parse_bytes(data)
        except InputError as exc:
            raise BuildError(f"{path.name}：{exc}") from exc
        report.warnings += [f"{path.name}：{w}" for w in doc.warnings]
        if not doc.clauses:  # a plan's metadata without a single clause (e.g. a cut copy): not in the database
            report.warnings.append(f"{path.name}：没有财政事权划分条款，未收入数据库")
            continue
        parsed.append((path, data, doc))

    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        _write(tmp, parsed, built_at or _build_time())
        tmp.replace(out)
    except sqlite3.Error as exc:
        reason = "磁盘已满" if "full" in str(exc) else "没有写入权限、位置只读或磁盘出错"
        raise BuildError(f"无法写入数据库（{reason}）：{out}") from exc
    except OSError as exc:
        raise BuildError(f"无法写入数据库（没有写入权限，或文件正被其他程序打开）：{out}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    report.documents = len(parsed)
    report.clauses = sum(len(d.clauses) for *_, d in parsed)
    return report


def _build_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", moment)


def _sort_key(item: tuple[Path, bytes, Document]) -> tuple:
    path, _, doc = item
    return (doc.region_code or "999999", doc.date, doc.doc_no, path.name)


def _write(path: Path, parsed: list[tuple[Path, bytes, Document]], built_at: str) -> None:
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    try:
        conn.executescript(SCHEMA)
        gaz = gazetteer()
        db["regions"].insert_all(
            ({"code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent or None} for r in gaz.regions),
            batch_size=1000,
        )
        parsed = sorted(parsed, key=_sort_key)
        categories = category_ids(conn, (doc for *_, doc in parsed))
        for source, data, doc in parsed:  # in this order: clause ids follow region, date and plan (search ranks by id)
            insert_document(conn, doc, source.name, data, categories)
        link_citations(conn)
        mark_superseded(conn)
        build_search_index(conn)  # the FTS5 trigram index and short-string postings (docs/schema.md)
        db["meta"].insert_all(
            [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "tool_version", "value": __version__},
                {"key": "built_at", "value": built_at},
                {"key": "data_as_of", "value": max((d.date for *_, d in parsed), default="")},
                {
                    "key": "source_checksums",
                    "value": json.dumps(
                        {p.name: hashlib.sha256(b).hexdigest() for p, b, _ in parsed},
                        ensure_ascii=False,
                        sort_keys=True,
                    ),
                },
            ]
        )
        write_derived(conn)  # counts, clause keys and sort ranks for the window's start (docs/schema.md)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
