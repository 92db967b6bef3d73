"""Command-line commands over the plans as a whole: import / imported / remove (the user database), compare
(the comparison matrix) and chain (the plans that apply to a region). Registered by ipdesk/cli.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_common import error_text, fail, open_repository, user_db, write_json


def cmd_import(args: argparse.Namespace) -> int:
    # per command (see _cmd_build); the readers load only here
    from .database.library import LibraryError, database_for
    from .database.userdb import UserDatabase, UserDatabaseError
    from .importing import ReadError
    from .importing.workflow import prepare, set_region, store
    from .store.repository import DatabaseError, RegionError, Repository

    failed = 0
    try:
        repo = Repository(args.db)
        user = None if args.dry_run else UserDatabase(user_db(args))
        region = repo.resolve_region(args.region) if args.region else None
    except (DatabaseError, RegionError, UserDatabaseError) as exc:
        return fail(error_text(exc))
    printed = []
    for name in args.files:
        try:
            candidate = prepare(name, repo, user)
            parsed = candidate.parsed
        except ReadError as exc:
            fail(str(exc), 0)
            failed += 1
            continue
        if region is not None:
            set_region(candidate, repo, region)
        if args.dry_run:
            printed.append(parsed.to_json())
            doc = parsed.document
            if not args.json:
                print(f"「{candidate.path.name}」：{doc.title or '（未能识别标题）'}（{doc.doc_no or '无文号'}），"
                      f"{len(doc.clauses)} 条条款，{len(doc.warnings)} 条提示（未保存）")  # fmt: skip
            continue
        if candidate.imported_before is not None and not args.replace:
            what = f"文号为 {candidate.document.doc_no} 的方案" if candidate.document.doc_no else "同一份方案"
            fail(f"「{candidate.path.name}」：已导入过{what}，加 --replace 替换它", 0)
            failed += 1
            continue
        if candidate.problems:
            fail(f"「{candidate.path.name}」：{candidate.problems[0]}", 0)
            failed += 1
            continue
        try:
            store(candidate, user)
        except UserDatabaseError as exc:
            fail(str(exc), 0)
            failed += 1
            continue
        doc = candidate.document
        print(f"已导入「{candidate.path.name}」：{doc.title}（{doc.doc_no or '无文号'}），{len(doc.clauses)} 条条款")
        for note in candidate.notes:
            print(f"    {note}")
    if args.dry_run:
        if args.json:
            write_json(printed[0] if len(args.files) == 1 and printed else printed)
        return 1 if failed else 0
    user.close()
    try:
        database_for(Path(args.db), user_db(args))  # made now, so that the window opens at once
    except LibraryError as exc:
        return fail(f"方案已保存；{exc}")
    return 1 if failed else 0


def cmd_imported(args: argparse.Namespace) -> int:
    from .database.userdb import UserDatabase, UserDatabaseError  # per command (see _cmd_build)

    path = user_db(args)
    if not path.exists():
        items = []
    else:
        try:
            user = UserDatabase(path)
            items = user.imports()
            user.close()
        except UserDatabaseError as exc:
            return fail(str(exc))
    listed = [
        {
            "doc_no": i.doc_no,
            "title": i.title,
            "region": i.document.region,
            "region_code": i.document.region_code,
            "file_name": i.file_name,
            "file_format": i.file_format,
            "imported_at": i.imported_at,
            "clauses": len(i.document.clauses),
            "warnings": i.document.warnings,
        }
        for i in items
    ]
    if args.json:
        write_json({"imported": listed})
        return 0
    lines = [f"{i['imported_at']}  {i['doc_no'] or '无文号'}  {i['title']}（{i['file_name']}）" for i in listed]
    print("\n".join(lines) if lines else "尚未导入任何方案")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .database.library import LibraryError, database_for  # per command (see cli._cmd_build)
    from .database.userdb import UserDatabase, UserDatabaseError

    if not args.doc_no.strip():
        return fail("请给出要删除的方案的文号（没有文号的方案请在窗口的“已导入的方案”中删除）")
    path = user_db(args)
    try:
        user = UserDatabase(path) if path.exists() else None
        found = [i for i in user.imports() if i.doc_no == args.doc_no.strip()] if user is not None else []
        for item in found:
            user.remove(item.id)
    except UserDatabaseError as exc:
        return fail(str(exc))
    if user is not None:
        user.close()
    if not found:
        return fail(f"没有文号为 {args.doc_no} 的本机导入方案（随程序提供的方案不能删除）")
    try:
        database_for(Path(args.db), path)
    except LibraryError as exc:
        return fail(f"已删除；{exc}")
    print(f"已删除本机导入的方案：{args.doc_no}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    # per command (see _cmd_build); PDF needs Qt, JSON and Excel do not
    from .models.compare import build_matrix
    from .report import ReportError
    from .report.summary import resolve_category
    from .store.repository import DatabaseError, RegionError

    try:
        repo = open_repository(args)
        codes = list(dict.fromkeys(repo.resolve_region(text) for text in args.regions))
        without = [repo.region_path(c) for c in codes if not repo.current_plans(c)]
        if without:
            return fail(f"以下地区没有本级方案，不能对比：{'、'.join(without)}（县区可用 ipdesk chain 查看适用的方案）")
        if not 2 <= len(codes) <= 40:
            return fail(f"请给出 2–40 个不同的地区（现为 {len(codes)} 个）")
        category = resolve_category(repo, args.category) if args.category else None
        matrix = build_matrix(repo, codes, category)
        if args.json:
            write_json(matrix.to_json())
            return 0
        if args.xlsx:
            from .report.matrix_xlsx import write_matrix_xlsx

            write_matrix_xlsx(matrix, args.xlsx)
        else:
            from .report import ensure_gui_app
            from .report.matrix_pdf import write_matrix_pdf

            ensure_gui_app()
            pages = write_matrix_pdf(matrix, args.pdf)
            print(f"共 {pages} 页", file=sys.stderr)
    except RegionError as exc:
        return fail(str(exc))
    except (DatabaseError, ReportError) as exc:
        return fail(error_text(exc))
    print(f"已导出 {args.xlsx or args.pdf}：{len(matrix.regions)} 个地区，{len(matrix.rows)} 项事项", file=sys.stderr)
    return 0


def cmd_chain(args: argparse.Namespace) -> int:
    from .models.chain import chain_text, plans_for  # per command (see cli._cmd_build)
    from .store.repository import DatabaseError, RegionError

    try:
        repo = open_repository(args)
        code = repo.resolve_region(args.region)
        steps = plans_for(repo, code)
    except RegionError as exc:
        return fail(str(exc))
    except DatabaseError as exc:
        return fail(error_text(exc))
    if args.json:
        write_json({"region": repo.region_name(code), "region_code": code, "plans": [s.to_json() for s in steps]})
        return 0
    print(chain_text(repo, code))
    return 0
