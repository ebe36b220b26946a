"""``xhdesk bench`` at a tiny size: every row is measured and reported, so the command cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys

EXPECTED = (
    "冷启动",
    "峰值内存",
    "党员队伍打开",
    "搜索按键",
    "排序",
    "年度积分",
    "诉求服务刷新",
    "导出同步包",
    "导入同步包",
    "荣誉证书",
    "预览",
    "导入花名册",
    "工作概览",
    "数据体检",
    "操作日志筛选",
    "签到",
)


def test_bench_runs_every_row_at_a_tiny_size(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run(
        [sys.executable, "-m", "xhdesk", "bench", "--persons", "300", "--quick", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert out.returncode in (0, 1), out.stderr[
        -2000:
    ]  # 1: a row missed its goal on a noisy machine
    report = json.loads(out.stdout)
    rows = report["rows"]
    for row in rows:
        assert set(row) == {"name", "value", "unit", "baseline", "ratio", "goal", "pass"}
        assert row["value"] > 0
    names = " ".join(r["name"] for r in rows)
    for expected in EXPECTED:
        assert expected in names
    assert out.returncode == (0 if all(r["pass"] is not False for r in rows) else 1)


def test_bench_refuses_a_size_too_small_to_hold_the_demo(capsys):
    from xhdesk.cli import main

    assert main(["bench", "--persons", "10"]) == 2
    assert "至少" in capsys.readouterr().err
