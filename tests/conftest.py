"""Shared fixtures. LibreOffice tests skip locally without soffice but fail in CI."""

from __future__ import annotations

import os

import pytest

from bcm_excel.excel import libreoffice
from bcm_excel.excel.read_cache import CACHE_ENV

# Tests read their workbooks afresh (some change how reading works with monkeypatch, which the
# cache's code fingerprint cannot see); tests/test_read_cache.py switches the cache on where it
# tests it. Set here, so that commands run in a subprocess inherit it.
os.environ[CACHE_ENV] = "off"

from .helpers import require_soffice


#: The files that take longest, longest first (seconds each, measured on two cores). They are handed
#: out first (``make test`` runs ``--dist loadfile --no-loadscope-reorder``), so that a long file
#: does not start last while the other worker sits idle: the suite ends when both workers do.
LONGEST = ("test_read_messy.py", "test_summary_package.py", "test_producer_matrix.py", "test_xlwings_engine.py",
           "test_upgrade.py", "test_packages_valid.py", "test_ooxml_check.py", "test_readme_examples.py",
           "test_binder.py", "test_wheel.py", "test_workbook_libreoffice.py", "test_consolidate.py",
           "test_libreoffice.py", "test_cycle.py")


def pytest_collection_modifyitems(items):
    first = {name: i for i, name in enumerate(LONGEST)}
    items.sort(key=lambda item: first.get(item.path.name, len(LONGEST)))     # stable: a file's order kept


@pytest.fixture(scope="session", autouse=True)
def _one_libreoffice():
    """One LibreOffice for the whole run: every conversion is handed to it (see keep_running)."""
    with libreoffice.keep_running():
        yield


@pytest.fixture
def recalc(tmp_path):
    """Recalculate workbooks with LibreOffice (forced recalculation); returns output paths."""
    require_soffice()

    def run(*paths):
        return libreoffice.recalculate(paths, tmp_path / "recalculated")

    return run


@pytest.fixture
def pdf(tmp_path):
    """Render workbooks to PDF with LibreOffice; returns output paths."""
    require_soffice()

    def run(*paths):
        return libreoffice.to_pdf(paths, tmp_path / "pdf")

    return run


@pytest.fixture(scope="module")
def recalc_module(tmp_path_factory):
    """``recalc`` for a module's fixtures: one LibreOffice run for many files."""
    require_soffice()
    outdir = tmp_path_factory.mktemp("recalculated")

    def run(*paths, target: str = libreoffice.XLSX_FILTER):
        return libreoffice.convert(paths, outdir / target.split(":")[0], target)

    return run
