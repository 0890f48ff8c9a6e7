"""Print layouts, rendered by LibreOffice to PDF and read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest

from bcm_excel.core import impact_scale, layout as L, texts
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process
from bcm_excel.excel.write import write_workbook

pytestmark = pytest.mark.libreoffice


def pages(pdf_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def sheet_of(page: str, lang: str) -> str:
    """The sheet a page belongs to, from the centre of its print header (the sheet title)."""
    first_line = page.strip().splitlines()[0]
    for sheet in L.STEPS:
        if sheet.title(lang) in first_line:
            return sheet.key
    if texts.SETTINGS_TEXT[lang]["title"] in first_line:
        return "settings"
    if texts.INSTRUCTIONS[lang]["title"] in first_line:
        return "instructions"
    return "?"


def word_heights(pdf_path) -> list[list[float]]:
    """Per page, the heights of the words in its body (between header and footer), in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages_ = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        height = float(page.group(1))
        boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page.group(2))
        pages_.append([float(b) - float(a) for a, b in boxes if 45 < float(a) and float(b) < height - 45])
    return pages_


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_prints_every_sheet_readable_with_headers(tmp_path, pdf, lang):
    """Every sheet on paper, none shrunk below three quarters of its size (a sheet too wide for that
    prints on two pages wide, its first column on both); the department and the page in the margins."""
    path = write_workbook(tmp_path / f"voorbeeld-{lang}.xlsx", example_department(lang=lang), lang=lang)
    (out,) = pdf(path)
    got = pages(out)
    per_sheet = Counter(sheet_of(p, lang) for p in got)
    assert set(per_sheet) == {s.key for s in L.SHEETS}, per_sheet
    assert per_sheet["rto"] == per_sheet["processes"] == per_sheet["settings"] == 1
    assert per_sheet["resources"] >= 2 and per_sheet["risks"] >= 2      # ten and nine wide columns
    # The body text's size on a page: its most common word height; the largest such is a page printed
    # at full size (step 4's).
    body = [Counter(round(h, 1) for h in words).most_common(1)[0][0] for words in word_heights(out)]
    full = max(body)
    assert full > 11
    for page, size in zip(got, body):
        key = sheet_of(page, lang)
        assert "Dienstverlening en Ondersteuning" in page.splitlines()[0]   # department in the header
        assert re.search(rf"Pagina \d+ van {len(got)}" if lang == "nl" else rf"Page \d+ of {len(got)}", page)
        if key != "settings":           # the coordinator's reference, on one portrait page
            assert size >= 0.74 * full, (key, size, full)
        if key in ("resources", "risks"):       # the first column on every page of the sheet
            assert L.sheet_by_key(key).columns[0].header(lang).split()[0] in page
    for key in ("rto", "processes", "resources", "risks"):
        text = " ".join(p for p in got if sheet_of(p, lang) == key)
        for column in L.sheet_by_key(key).columns:
            if column.kind != L.HELPER:
                assert column.header(lang).split()[0] in text, (key, column.header(lang))
    assert "Vernieuwen E-ID" in "".join(got)
    # The impact scale is printed whole on the instructions and on the settings page: every word of
    # every cell is there (text cut off by a row too low or a column outside the page would be missing).
    words = {w for row in impact_scale.DEFAULT_SCALE[lang] for text in row for w in text.split()}
    for key in ("instructions", "settings"):
        text = " ".join(p for p in got if sheet_of(p, lang) == key)
        assert words - set(text.split()) == set(), key
        assert {"nl": "€ 25.000 tot € 250.000.", "en": "€ 25,000 to € 250,000."}[lang] in text


def test_long_list_repeats_the_header_row_on_every_page(tmp_path, pdf):
    processes = [Process(f"Proces nummer {i}", ("L", "M", "H", "K")) for i in range(120)]
    path = write_workbook(tmp_path / "lang.xlsx", Department("Grote dienst", "Gemeente", processes))
    (out,) = pdf(path)
    step1 = [p for p in pages(out) if sheet_of(p, "nl") == "rto"]
    assert len(step1) >= 3
    for page in step1:
        assert "Gekozen RTO" in page and "Proces" in page
    text = "".join(step1)
    assert "Proces nummer 0" in text and "Proces nummer 119" in text   # nothing filled falls outside the print area
