"""Command line: build, parse, export (JSON on stdout, UTF-8, not ASCII-escaped).

Errors are one line on stderr in Chinese and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import cli_plans, paths
from .cli_common import error_text, fail, open_repository, write_json

#: argparse's own messages in Chinese (argparse looks its module-level gettext `_` up at call time).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "expected one argument": "需要一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "参数 %(option)s 不明确，可能是：%(matches)s",
}
argparse._ = lambda message: _ARGPARSE_ZH.get(message, message)


def _positive_int(text: str) -> int:
    if not (text.isascii() and text.isdecimal()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是 {text!r}")
    return int(text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage and exits 2; keep that, in one line
        self.exit(2, f"{self.prog}: 参数错误：{message}\n")


def _cmd_build(args: argparse.Namespace) -> int:
    if getattr(sys, "frozen", False):  # the installed program ships without the builder (sqlite-utils)
        return fail("安装版不含数据库生成功能：请在源代码目录中运行 python -m ipdesk build")
    # Each command imports what it needs: `parse` loads no SQLite code, `search` and `export` no Qt.
    from .database.build import BuildError, build

    try:
        report = build(Path(args.sources), Path(args.out))
    except BuildError as exc:
        return fail(str(exc))
    for warning in report.warnings:
        fail(f"警告：{warning}", 0)
    print(f"已生成 {args.out}：{report.documents} 份方案，{report.clauses} 条条款", file=sys.stderr)
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    # per command (see _cmd_build): every format (txt, docx, pdf, html, ofd), the same reading as import
    from .importing import ReadError, parse_document

    try:
        parsed = parse_document(args.file)
    except ReadError as exc:
        return fail(str(exc))
    write_json(parsed.to_json())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .store.repository import DatabaseError  # per command (see _cmd_build)

    try:
        repo = open_repository(args)
        documents = repo.export()
    except DatabaseError as exc:
        return fail(error_text(exc))
    write_json({"documents": documents})
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    # per command (see _cmd_build)
    from .report import ReportError, ensure_gui_app, write
    from .report.summary import build_summary, resolve_category, resolve_levels, resolve_print_region
    from .store.repository import DatabaseError
    from .store.selection import Selection

    fmt, out = next((f, getattr(args, f)) for f in ("pdf", "xlsx", "csv") if getattr(args, f))
    try:
        repo = open_repository(args)
        region, perspective = resolve_print_region(repo, args.region)  # a county: its city's plan, its words
        category = resolve_category(repo, args.category) if args.category else None
        levels = resolve_levels(args.level) if args.level else None
        summary = build_summary(repo, Selection.of((region,), category, levels=levels), perspective=perspective)
        if fmt == "pdf":
            ensure_gui_app()  # the same renderer as the window's print preview
        write(summary, out, fmt, portrait=args.portrait)
    except (DatabaseError, ReportError) as exc:
        return fail(error_text(exc))
    print(f"已导出 {out}：{summary.county or summary.region_name}，{len(summary.rows)} 条", file=sys.stderr)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    # per command (see _cmd_build)
    from .store.repository import DatabaseError, RegionError
    from .store.search import format_hits
    from .store.selection import EVERYTHING, Selection

    try:
        repo = open_repository(args)
        selection = EVERYTHING
        if args.region:
            selection = Selection(regions=repo.region_and_below(repo.resolve_region(args.region)))
        result = repo.search_engine.search(args.query, selection, limit=args.limit)
    except RegionError as exc:
        return fail(str(exc))
    except DatabaseError as exc:
        return fail(error_text(exc))
    if result.error:
        return fail(result.error)
    if args.json:
        write_json(result.to_json())
    else:
        sys.stdout.buffer.write(format_hits(result).encode("utf-8"))
        sys.stdout.flush()
    return 0


def _data_options(p: argparse.ArgumentParser, bundled: bool = True) -> None:
    """--db (the bundled database) and --user-db (the imported plans), for every command that reads plans."""
    if bundled:
        p.add_argument("--db", default=str(paths.database()), help="随程序提供的数据库文件")
    p.add_argument("--user-db", help="本机导入方案的数据库文件（默认在用户目录中）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ipdesk", description="知识产权财政事权查询：命令行")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("build", help="由方案文本生成数据库")
    p.add_argument("--sources", default=str(paths.sources()), help="方案文本所在目录（默认 data/sources）")
    p.add_argument("--out", default=str(paths.database()), help="数据库文件（默认 data/ipfiscal.sqlite）")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("import", help="导入方案文件（txt、docx、pdf、网页、ofd）到本机导入的方案中")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只解析、不保存（与 --json 一起输出 parse 的 JSON）")
    p.add_argument("--json", action="store_true", help="与 --dry-run 一起：输出 JSON")
    p.add_argument("--replace", action="store_true", help="替换已导入的同文号方案")
    p.add_argument("--region", help="方案所属地区（未能识别地区时指定）：地区名称或代码")
    _data_options(p)
    p.set_defaults(func=cli_plans.cmd_import)

    p = sub.add_parser("imported", help="列出本机导入的方案")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _data_options(p, bundled=False)
    p.set_defaults(func=cli_plans.cmd_imported)

    p = sub.add_parser("remove", help="删除一份本机导入的方案")
    p.add_argument("doc_no", metavar="DOC_NO", help="方案文号")
    _data_options(p)
    p.set_defaults(func=cli_plans.cmd_remove)

    p = sub.add_parser("parse", help="解析一份方案（.txt .docx .pdf .html .ofd），输出 JSON（不读写数据库）")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON（默认即为 JSON）")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("export", help="导出数据库中全部方案为 JSON")
    p.add_argument("--json", action="store_true", help="输出 JSON（默认即为 JSON）")
    _data_options(p)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("report", help="导出一个地区的财政事权汇总表（PDF、Excel 或 CSV）")
    p.add_argument("region", help="地区名称或代码，如 包头市 或 150200")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="OUT", help="导出 PDF（A4 横向）")
    out.add_argument("--xlsx", metavar="OUT", help="导出 Excel（.xlsx）")
    out.add_argument("--csv", metavar="OUT", help="导出 CSV（UTF-8 带 BOM）")
    p.add_argument("--category", help="只含该事项类别（名称或编号）")
    p.add_argument("--level", action="append", help="只含这些财政事权层级：upper/上级、lower/下级、shared/共同……")
    p.add_argument("--portrait", action="store_true", help="PDF 纵向排版（默认横向）")
    _data_options(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("compare", help="对比多个地区的方案：逐项事项列出各地的财政事权划分")
    p.add_argument("regions", nargs="+", metavar="REGION", help="地区名称或代码（2–40 个）")
    p.add_argument("--category", help="只对比该事项类别（名称或编号）")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--json", action="store_true", help="输出 JSON")
    out.add_argument("--xlsx", metavar="OUT", help="导出 Excel（.xlsx）")
    out.add_argument("--pdf", metavar="OUT", help="导出 PDF（A4 横向）")
    _data_options(p)
    p.set_defaults(func=cli_plans.cmd_compare)

    p = sub.add_parser("chain", help="列出适用于一个地区的各级方案（自上而下）及该地区在其中的一方")
    p.add_argument("region", help="地区名称或代码，如 包头市、土默特右旗")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _data_options(p)
    p.set_defaults(func=cli_plans.cmd_chain)

    p = sub.add_parser("search", help="检索条款原文（以及方案标题、文号）")
    p.add_argument("query", help='检索词；空格分隔的多个词须同时出现，"带引号的短语"按原样匹配')
    p.add_argument("--region", help="只在该地区（含下辖地区）的方案中检索：地区名称或代码")
    p.add_argument("--limit", type=_positive_int, default=200, help="最多列出的条款数（默认 200）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _data_options(p)
    p.set_defaults(func=_cmd_search)
    return parser


def run(argv: list[str]) -> int:
    if any("\ud800" <= ch <= "\udfff" for arg in argv for ch in arg):  # bytes that are not valid text
        return fail("参数中有无法识别的字符（请检查输入法或文件名的编码）", 2)
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return fail("已中断", 130)
