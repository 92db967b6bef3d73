"""Command line: build, parse, export (JSON on stdout, UTF-8, not ASCII-escaped).

Errors are one line on stderr in Chinese and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from . import paths

COMMANDS = ("build", "parse", "export")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage and exits 2; keep that, in one line
        self.exit(2, f"{self.prog}: 参数错误：{message}\n")


def _write_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _fail(message: str, code: int = 1) -> int:
    sys.stderr.buffer.write(f"ipdesk: {message}\n".encode(sys.stderr.encoding or "utf-8", "replace"))
    sys.stderr.flush()
    return code


def _cmd_build(args: argparse.Namespace) -> int:
    from .database.build import BuildError, build

    try:
        report = build(Path(args.sources), Path(args.out))
    except BuildError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"无法写入数据库：{exc.strerror or exc}（{args.out}）")
    for warning in report.warnings:
        _fail(f"警告：{warning}", 0)
    print(f"已生成 {args.out}：{report.documents} 份方案，{report.clauses} 条条款", file=sys.stderr)
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from .corpus.parser import parse_file
    from .corpus.textrepair import InputError

    try:
        doc = parse_file(args.file)
    except InputError as exc:
        return _fail(f"{args.file}：{exc}")
    _write_json(doc.to_json())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .store.repository import DatabaseError, Repository

    try:
        repo = Repository(args.db)
        documents = repo.export()
    except DatabaseError as exc:
        return _fail(str(exc).replace("\n", " "))
    _write_json({"documents": documents})
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ipdesk", description="知识产权财政事权查询：命令行")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("build", help="由方案文本生成数据库")
    p.add_argument("--sources", default=str(paths.sources()), help="方案文本所在目录（默认 data/sources）")
    p.add_argument("--out", default=str(paths.database()), help="数据库文件（默认 data/ipfiscal.sqlite）")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("parse", help="解析一份方案文本，输出 JSON（不读写数据库）")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON（默认即为 JSON）")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("export", help="导出数据库中全部方案为 JSON")
    p.add_argument("--json", action="store_true", help="输出 JSON（默认即为 JSON）")
    p.add_argument("--db", default=str(paths.database()), help="数据库文件")
    p.set_defaults(func=_cmd_export)
    return parser


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return _fail("已中断", 130)
