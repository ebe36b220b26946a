"""The Windows bundle as an office PC receives it, built here on Linux from the same build.spec.

Builds the one-folder bundle once (about 90 s on an idle machine; marked slow), then uses only
its two executables — ``xhdesk`` (the window) and ``xhdesk-cli`` (the commands) — as an
administrator would: screenshots of every tab, ``stats``, ``print certificates``, ``verify``,
``init``/``enrol``/``export``/``import``, ``bench``'s start-up probe and an old-release database
migrated by ``upgrade``, all from inside the bundle.

Runs in CI (``CI=true``) or when asked (``XHDESK_BUNDLE_TEST=1``); ``XHDESK_BUNDLE=dist/xhdesk``
reuses a folder already built instead of building one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
# Issue 20: at most 150 MB on Linux. build.spec lists what it leaves out and why (Qt modules,
# plugins and system libraries nothing uses, most of ICU's data, test and developer tools, …).
SIZE_LIMIT_MB = 150
EXE = ".exe" if os.name == "nt" else ""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("bundle"),  # one worker builds the bundle once
    pytest.mark.skipif(
        os.environ.get("CI") != "true"
        and not os.environ.get("XHDESK_BUNDLE_TEST")
        and not os.environ.get("XHDESK_BUNDLE"),
        reason="builds the bundle (~90 s): set CI=true or XHDESK_BUNDLE_TEST=1",
    ),
]


def _folder_mb(folder: Path) -> float:
    """Bytes on disk, in MB; a symbolic link (Qt's libraries are linked beside _internal) is free."""
    files = (p for p in folder.rglob("*") if not p.is_symlink() and p.is_file())
    return sum(p.stat().st_size for p in files) / 1e6


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get("XHDESK_BUNDLE")
    if prebuilt:
        return Path(prebuilt)
    pytest.importorskip("PyInstaller", reason="pip install -e '.[dev]' brings PyInstaller")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "dist" / "xhdesk"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Offscreen, and nothing of the source tree: the bundle must carry all it needs."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data-home"), XDG_STATE_HOME=str(tmp_path / "state"))
    env.update(extra)
    return env


def _run(
    bundle: Path, exe: str, *argv: str, tmp_path: Path, **extra: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bundle / f"{exe}{EXE}"), *argv],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, env=_env(tmp_path, **extra),
    )  # fmt: skip


def _cli(bundle: Path, *argv: str, tmp_path: Path) -> str:
    done = _run(bundle, "xhdesk-cli", *argv, tmp_path=tmp_path)
    assert done.returncode == 0, (argv, done.stderr[-2000:])
    return done.stdout


def _demo(demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(demo_template, tmp_path / "demo.sqlite3"))


def test_two_executables_share_one_lean_folder(bundle: Path) -> None:
    size = _folder_mb(bundle)
    print(f"\nbundle {bundle}: {size:.1f} MB")
    assert (bundle / f"xhdesk{EXE}").is_file() and (bundle / f"xhdesk-cli{EXE}").is_file()
    assert size <= SIZE_LIMIT_MB
    names = {p.name for p in bundle.rglob("*")}
    for unused in (
        "libQt6Quick.so.6",
        "libQt6Qml.so.6",
        "libQt6VirtualKeyboard.so.6",
        "QtOpenGL.abi3.so",
        "libQt6Svg.so.6",
        "libssl.so.3",
        "libgio-2.0.so.0",
    ):
        assert unused not in names
    assert not [p for p in bundle.rglob("*") if "testing" in p.parts]


def test_qt_finds_the_icu_data_it_uses(bundle: Path, tmp_path: Path) -> None:
    """The lean libicudata (Linux) still sorts by pinyin, decodes GBK/GB 18030/Big5 and names
    China's time zone in Chinese."""
    code = (
        "from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone\n"
        "c = QCollator(QLocale('zh_CN'))\n"
        "print(''.join(sorted('张李王阿', key=c.sortKey)))\n"
        "print(all(QStringDecoder(n).isValid() for n in ('GB18030', 'GBK', 'Big5')))\n"
        "print(QTimeZone(b'Asia/Shanghai').displayName(QTimeZone.TimeType.StandardTime,"
        " QTimeZone.NameType.LongName, QLocale('zh_CN')))\n"
    )
    done = _run(bundle, "xhdesk-cli", "--bench-exec", code, tmp_path=tmp_path)
    assert done.stdout.split() == ["阿李王张", "True", "中国标准时间"], done.stderr[-2000:]


def test_every_tab_on_screen(bundle: Path, demo_template: Path, tmp_path: Path) -> None:
    from xhdesk.ui.main_window import TAB_SPECS

    shots = tmp_path / "shots"
    done = _run(
        bundle, "xhdesk", "--db", str(_demo(demo_template, tmp_path)), "--screenshot", str(shots),
        tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Error" not in done.stderr, done.stderr[-2000:]  # e.g. the charts' Qt library missing
    pngs = sorted(shots.glob("*.png"))
    assert [p.name[3:-4] for p in pngs] == [title for title, _m, _c in TAB_SPECS]
    assert all(p.stat().st_size > 20_000 for p in pngs)  # drawn, not blank


def test_stats_print_and_verify(bundle: Path, demo_template: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    import xhdesk.documents.awards as documents
    from xhdesk.data.core.store import Store

    db = _demo(demo_template, tmp_path)
    figures = json.loads(_cli(bundle, "stats", "--db", str(db), "--json", tmp_path=tmp_path))
    assert figures["committees"] == 3 and figures["party_members"] > 0
    with Store.open(db, create=False) as store:
        year, docs = next(
            (y, d)
            for y in range(2026, 2020, -1)
            if (d := documents.certificate_documents(store, y))
        )
    out = tmp_path / "certs.pdf"
    _cli(bundle, "print", "certificates", "--db", str(db), "--year", str(year), "--out", str(out),
         tmp_path=tmp_path)  # fmt: skip
    reader = PdfReader(out)
    assert len(reader.pages) == len(docs)
    assert (
        docs[0].recipient in reader.pages[0].extract_text()
    )  # the bundled Chinese face is embedded
    assert _run(bundle, "xhdesk-cli", "verify", "--db", str(db), docs[0].code,
                tmp_path=tmp_path).returncode == 0  # fmt: skip
    forged = docs[0].code[:-4] + ("AAAA" if not docs[0].code.endswith("AAAA") else "BBBB")
    refused = _run(bundle, "xhdesk-cli", "verify", "--db", str(db), forged, tmp_path=tmp_path)
    assert refused.returncode != 0


def test_a_station_joins_and_exchanges_a_package(bundle: Path, tmp_path: Path) -> None:
    centre, station = str(tmp_path / "centre.db"), str(tmp_path / "station.db")
    node, package = str(tmp_path / "s.xhnode"), str(tmp_path / "c.xhsync")
    _cli(bundle, "init", "--db", centre, "--name", "兴化市服务中心", "--role", "centre",
         tmp_path=tmp_path)  # fmt: skip
    stations = tmp_path / "stations.csv"  # the centre's station roster, as an office keeps it
    stations.write_text(
        "驿站名称,阵地类型,地址\n城东暖蜂驿站,暖蜂驿站,昭阳街道城东路1号\n", "utf-8"
    )
    _cli(bundle, "import-roster", "--db", centre, "--kind", "stations", str(stations),
         tmp_path=tmp_path)  # fmt: skip
    _cli(bundle, "enrol", "--db", centre, "--name", "城东暖蜂驿站", "--role", "station",
         "--unit", "S01", "--out", node, "--passphrase", "暖蜂2026", tmp_path=tmp_path)  # fmt: skip
    _cli(bundle, "init", "--db", station, "--from", node, "--passphrase", "暖蜂2026",
         tmp_path=tmp_path)  # fmt: skip
    _cli(bundle, "export", "--db", centre, "--out", package, "--to", "城东暖蜂驿站",
         tmp_path=tmp_path)  # fmt: skip
    assert "新增" in _cli(bundle, "import", "--db", station, package, tmp_path=tmp_path)
    digests = {
        _cli(bundle, "digest", "--db", db, tmp_path=tmp_path).strip() for db in (centre, station)
    }
    assert len(digests) == 1


def test_an_old_release_database_is_migrated_from_inside_the_bundle(
    bundle: Path, tmp_path: Path
) -> None:
    old = Path(shutil.copyfile(FIXTURES / "release-0.1.sqlite3", tmp_path / "old.db"))
    refused = _run(bundle, "xhdesk-cli", "stats", "--db", str(old), tmp_path=tmp_path)
    assert refused.returncode == 2 and "xhdesk upgrade" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1  # one sentence, no traceback
    _cli(bundle, "upgrade", "--db", str(old), tmp_path=tmp_path)
    assert "committees" in _cli(bundle, "stats", "--db", str(old), "--json", tmp_path=tmp_path)


def test_bench_times_the_window_from_the_bundle(
    bundle: Path, demo_template: Path, tmp_path: Path
) -> None:
    """What ``xhdesk-cli bench`` starts: the bundle itself, no ``python -c``."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(demo_template, data / "demo.sqlite3")
    empty = _run(bundle, "xhdesk-cli", "--bench-probe", "empty", tmp_path=tmp_path)
    assert empty.stdout.split() == ["shown"], empty.stderr[-2000:]
    window = _run(bundle, "xhdesk-cli", "--demo", "--bench-probe", "window", tmp_path=tmp_path,
                  XHDESK_DATA_DIR=str(data))  # fmt: skip
    assert window.stdout.split() == ["shown", "ready"], window.stderr[-2000:]


def test_a_bench_child_runs_inside_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """The roster-import row's measuring child: ``python -c`` has no counterpart but this."""
    code = "import sys, sqlite3, python_calamine; print(sys.argv[1])"
    done = _run(bundle, "xhdesk-cli", "--bench-exec", code, "已运行", tmp_path=tmp_path)
    assert done.stdout.strip() == "已运行", done.stderr[-2000:]
