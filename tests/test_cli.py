"""Command-line errors: one line in Chinese, non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipdesk", *args], capture_output=True, timeout=120)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "专利", "--limit", "-1"], "应为正整数"),
        (["search", "专利", "--limit", "x"], "应为正整数"),
        (["report"], "缺少必需的参数"),
        (["report", "包头", "--pdf", "a.pdf", "--csv", "b.csv"], "不能与参数"),
        (["export", "--bogus"], "无法识别的参数"),
        (["build", "--sources", "/无此目录"], "方案文本目录不存在"),
        (["build", "--out", "/无此目录/x.sqlite"], "保存数据库的文件夹不存在"),
    ],
)
def test_bad_arguments(args, message):
    proc = run(*args)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode != 0
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="undecodable argv bytes are a POSIX thing")
def test_undecodable_argument():
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"ipdesk", b"search", b"\xff", b"--json"], capture_output=True, timeout=60
    )
    assert proc.returncode == 2
    assert "无法识别的字符" in proc.stderr.decode("utf-8")


def test_build_into_an_unwritable_place(tmp_path):
    proc = run("build", "--out", "/proc/ipdesk.sqlite")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1
    assert "无法写入数据库" in err
    assert "Traceback" not in err


def test_help_is_chinese():
    out = run("search", "--help").stdout.decode("utf-8")
    assert "用法" in out
    assert "显示本帮助并退出" in out
