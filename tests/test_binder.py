"""`bcm-excel binder`: the crisis binder printed from the consolidated BIA, read back with poppler.

Content, on the PDF's text (pdftotext): every time-critical process of the example municipality in
the recovery order this test computes itself from the departments (its own RTO rule and
tie-break, never the code under test), every contact person and phone number, the applications
in recovery order, gaps flagged. Layout, on the word boxes (pdftotext -bbox): no word outside the
page's margins, no word on top of another, no type under 9 pt, header and footer on every page,
the contents' page numbers right. Every page is rendered (pdftoppm). The page count grows
linearly from 1 to 50 departments, built in memory.
"""

from __future__ import annotations

import copy
import html
import math
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.analysis.binder import Binder, Section, build
from bcm_excel.analysis.consolidate import consolidate
from bcm_excel.cli import cli
from bcm_excel.core import example_set, layout as L
from bcm_excel.core.model import Department, Process, Resource
from bcm_excel.excel.binder_pdf import write_binder
from bcm_excel.excel.collect import find_workbooks, read_submissions
from bcm_excel.excel.consolidated import write_consolidation
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .helpers import submission

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
                                reason="poppler-utils (pdftotext, pdftoppm) not installed")

HORIZONS = (2, 48, 336, 1440)
RANK = {"L": 1, "M": 2, "H": 3, "K": 4}
MM = 72 / 25.4
#: The margins the README promises: text within 18 mm left and right, the body between 22 mm from
#: the top and 20 mm from the bottom; header and footer at least 8 mm from the edge.
SIDE, TOP, BOTTOM, EDGE = 18 * MM, 22 * MM, 20 * MM, 8 * MM


# -- the test's own rules -------------------------------------------------------------------------

def rto(p: Process) -> float | None:
    if isinstance(p.override, (int, float)) and 0 <= p.override <= 1440:
        return float(p.override)
    levels = [str(v or "").strip().upper()[:1] for v in p.impacts]
    if any(level not in RANK for level in levels):
        return None
    return next((float(h) for h, level in zip(HORIZONS, levels) if RANK[level] >= 3), math.inf)


def klass(p: Process) -> str | None:
    hours = rto(p)
    if hours is None:
        return None
    return "TKP" if hours <= 48 else "EP" if hours <= 336 else "NP" if hours <= 1440 else "NK"


def key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"\W+", " ", text).split())


def recovery_order(dep: Department, classes=("TKP", "EP")) -> list[str]:
    """The department's processes of ``classes``: shortest RTO first, then the largest impact, then the
    order of its rows (the department's own priority breaks ties so)."""
    chosen = [p for p in dep.processes if klass(p) in classes]
    extent = lambda p: max(RANK.get(str(v or "").upper()[:1], 0) for v in p.impacts)
    return [p.name for p in sorted(chosen, key=lambda p: (rto(p), -extent(p)))]     # sorted() is stable


def contacts(deps) -> list[tuple[str, list[str]]]:
    """(person, phone numbers) of every step 3 contact entry of a known process."""
    out = []
    for d in deps:
        names = {p.name for p in d.processes}
        for r in d.resources:
            for entry in re.split(r"[;\n]", r.contacts) if r.process in names else []:
                out.append((re.split(r",|\d", entry)[0].strip(), re.findall(r"\d[\d ]{5,}\d", entry)))
    return out


def application_rtos(deps) -> dict[str, float]:
    """Normalised application name -> the shortest RTO of the processes that need it (step 3 tools,
    step 2 dependencies that are no process)."""
    names = {key(p.name) for d in deps for p in d.processes}
    needs: dict[str, list[float]] = {}
    for d in deps:
        by_name = {p.name: p for p in d.processes}
        for r in d.resources:
            for tool in re.split(r"[;,]", r.tools) if r.process in by_name else []:
                if tool.strip():
                    needs.setdefault(key(tool), []).append(rto(by_name[r.process]))
        for p in d.processes:
            for dep in re.split(r"[;,]", p.dependencies or ""):
                if dep.strip() and key(dep) not in names:
                    needs.setdefault(key(dep), []).append(rto(p))
    return {k: min((v for v in vs if v is not None), default=math.inf) for k, vs in needs.items()}


# -- reading the PDF -------------------------------------------------------------------------------

def flat(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path, layout: bool = False) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def word_boxes(path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """(width, height, words) per page; a word is (xMin, yMin, xMax, yMax, text), y from the top."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def layout_problems(path: Path) -> list[str]:
    """Words outside the printable area, body words outside the margins, words on top of each other,
    type under 9 pt."""
    problems = []
    for n, (width, height, words) in enumerate(word_boxes(path), start=1):
        for x0, y0, x1, y1, w in words:
            if x0 < SIDE - 0.5 or x1 > width - SIDE + 0.5 or y0 < EDGE or y1 > height - EDGE:
                problems.append(f"p{n}: '{w}' outside the page's margins ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f})")
            elif y0 > TOP - 0.5 and y1 < height - BOTTOM + 0.5:
                pass
            elif not (y1 < TOP or y0 > height - BOTTOM):
                problems.append(f"p{n}: '{w}' crosses the body's top or bottom margin")
            if y1 - y0 < 9 - 0.01:
                problems.append(f"p{n}: '{w}' smaller than 9 pt ({y1 - y0:.1f})")
        words = sorted(words, key=lambda w: w[1])       # from the top: a word only meets those that start above its foot
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[1] >= a[3] - 0.5:
                    break
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > 0.5 and dy > 0.5:
                    problems.append(f"p{n}: '{a[4]}' and '{b[4]}' overlap")
    return problems


def test_the_layout_check_sees_overlaps_small_type_and_margins(tmp_path):
    """The checker the binder's tests rely on finds each kind of problem in a PDF made to have it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = tmp_path / "bad.pdf"
    page = Canvas(str(out), pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(100, 400, "Boven")
    page.drawString(103, 402, "Onder")                      # on top of "Boven"
    page.drawString(100, 300, "Apart")                      # touches nothing
    page.drawString(2, 500, "Rand")                         # outside the side margin
    page.setFont("Helvetica", 6)
    page.drawString(100, 200, "Klein")                      # under 9 pt
    page.save()
    problems = layout_problems(out)
    assert [p for p in problems if "overlap" in p] == ["p1: 'Onder' and 'Boven' overlap"]     # the higher one first
    assert any("'Rand' outside" in p for p in problems), problems
    assert any("'Klein' smaller than 9 pt" in p for p in problems), problems
    assert not any("Apart" in p for p in problems), problems


def grid_rows(path: Path, first_head: str, second_head: str, third_head: str) -> list[tuple[str, str, str]]:
    """(number, text of the second column, first word of the third) of every row of the table whose
    head starts with ``first_head``, ``second_head``, ``third_head``, over all its pages."""
    rows = []
    for _, height, words in word_boxes(path):
        words = [w for w in words if TOP < w[1] and w[3] < height - BOTTOM]      # the body, not the footer
        heads = [w for w in words if w[4] == first_head]
        for head in heads:
            second = next((w for w in words if w[4] == second_head and abs(w[1] - head[1]) < 1), None)
            third = next((w for w in words if w[4] == third_head and abs(w[1] - head[1]) < 1), None)
            if not second or not third:
                continue
            numbers = sorted((w for w in words if abs(w[0] - head[0]) < 1 and w[4].isdigit() and w[1] > head[3]),
                             key=lambda w: w[1])
            for i, num in enumerate(numbers):
                below = numbers[i + 1][1] if i + 1 < len(numbers) else math.inf
                cell = sorted((w for w in words if second[0] - 1 <= w[0] and w[2] <= third[0]
                               and num[1] - 1 <= w[1] < below - 1), key=lambda w: (round(w[1]), w[0]))
                rto_word = min((w for w in words if abs(w[0] - third[0]) < 1 and abs(w[1] - num[1]) < 1),
                               key=lambda w: w[0], default=(0, 0, 0, 0, ""))
                rows.append((num[4], " ".join(w[4] for w in cell), rto_word[4]))
    return rows


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- the example municipality ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The demo's five returned workbooks, consolidated into BIA-organisatie.xlsx, and its binder."""
    root = tmp_path_factory.mktemp("binder")
    deps = example_set.returned_departments()
    for d in deps:
        write_workbook(root / "teruggekomen" / f"BIA-{d.name}.xlsx", d)
    submissions, _ = read_submissions(find_workbooks([root / "teruggekomen"]), jobs=1)
    result = consolidate(submissions, list(example_set.LISTED))
    write_consolidation(root / "BIA-organisatie.xlsx", result, organisation=example_set.ORGANISATION)
    out = root / "noodmap.pdf"
    cli_result = run("binder", root / "BIA-organisatie.xlsx", "-o", out)
    assert cli_result.exit_code == 1, cli_result.output      # written; the BIA lists Vrije Tijd's errors
    return root, deps, out, cli_result.output


def test_a_bia_that_lists_workbooks_to_redo_exits_1_and_names_them(example, tmp_path):
    """The binder of a consolidated BIA exits as the binder of its folder does: 1 when the BIA lists a
    workbook with errors (Vrije Tijd's, as its own check says), 0 for one without."""
    root, deps, out, output = example
    returned = root / "teruggekomen"
    with_errors = [d.name for d in deps
                   if any(f.severity == "error" for f in read_workbook(returned / f"BIA-{d.name}.xlsx").findings)]
    assert with_errors == ["Vrije Tijd"]
    assert ("Deze BIA vermeldt werkmappen met fouten, leeg of onleesbaar (Vrije Tijd): zie het blad Controle"
            in output)
    folder = run("binder", root / "teruggekomen", "-o", tmp_path / "map.pdf")
    assert folder.exit_code == 1, folder.output
    clean = tmp_path / "zonder-fouten"
    for d in deps:
        if d.name not in with_errors:
            write_workbook(clean / f"BIA-{d.name}.xlsx", d)
    bia = tmp_path / "BIA-organisatie.xlsx"
    assert run("consolidate", clean, "-o", bia).exit_code == 0
    result = run("binder", bia, "-o", tmp_path / "schoon.pdf")
    assert result.exit_code == 0 and "vermeldt" not in result.output, result.output


def department_text(texts: list[str], name: str) -> str:
    return flat(" ".join(t for t in texts if f"Noodmap · {name}" in t))


def test_every_time_critical_process_in_recovery_order(example):
    _, deps, out, output = example
    assert f"Noodmap geschreven: {out} ({pages_of(out)} pagina's)" in output
    texts = page_texts(out)
    for d in deps:
        mine = department_text(texts, d.name)
        order = recovery_order(d)
        assert order or not recovery_order(d, ("TKP",))
        positions = [mine.find(f"{i}. {name}") for i, name in enumerate(order, start=1)]
        assert all(p >= 0 for p in positions), (d.name, order, mine[:400])
        assert positions == sorted(positions), (d.name, order)
        for name in recovery_order(d, ("TKP",)):
            assert "TKP, tijdskritiek" in mine and name in mine
        for p in d.processes:           # NP and undetermined processes are counted, not listed
            if klass(p) not in ("TKP", "EP"):
                assert not re.search(rf"\d+\. {re.escape(p.name)}", mine), p.name
    # Technische Dienst sent nothing: it has a page that says so.
    assert "stuurde geen BIA terug" in department_text(texts, "Technische Dienst")


def test_every_contact_and_phone_number_with_its_process(example):
    _, deps, out, _ = example
    whole = flat(" ".join(page_texts(out)))
    index = [line for t in page_texts(out, layout=True) if "Contactpersonen" in t and "Telefoon" in t
             for line in t.splitlines()]
    for name, numbers in contacts(deps):
        assert name in whole
        for number in numbers:
            assert number in whole, (name, number)
            assert any(name in line and number in line for line in index), (name, number)
    # Toezicht zwembad (Vrije Tijd) is time-critical and has no step 3 row: flagged, not left out.
    vrije_tijd = department_text(page_texts(out), "Vrije Tijd")
    assert "Toezicht zwembad" in vrije_tijd and "! geen contactpersoon" in vrije_tijd
    assert "! geen middelen ingevuld in stap 3" in vrije_tijd


def test_applications_in_recovery_order(example):
    _, deps, out, _ = example
    expected = application_rtos(deps)
    rows = grid_rows(out, "Rang", "Applicatie", "RTO")
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    assert {key(name) for _, name, _ in rows} == set(expected)
    rtos = [expected[key(name)] for _, name, _ in rows]
    assert rtos == sorted(rtos)
    for _, name, shown in rows:
        hours = expected[key(name)]
        assert shown == (">" if math.isinf(hours) else f"{hours:g}u"), (name, shown)
    suppliers = grid_rows(out, "Rang", "Leverancier", "RTO")
    assert len(suppliers) >= 5 and {"Bank", "Voedselbank"} <= {name for _, name, _ in suppliers}


def test_the_rank_orders_applications_even_when_the_sheet_was_sorted_otherwise(example, tmp_path):
    """A coordinator sorts the applications sheet by name with the autofilter: the binder still
    prints the recovery order (the rank), not the order of the rows."""
    root, deps, _, _ = example
    wb = openpyxl.load_workbook(root / "BIA-organisatie.xlsx")
    ws = wb["Applicaties"]
    first = 5
    last = max(r for r in range(first, ws.max_row + 1) if ws.cell(r, 1).value not in (None, ""))
    rows = [[c.value for c in ws[r]] for r in range(first, last + 1)]
    for r, values in zip(range(first, last + 1), reversed(rows)):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(tmp_path / "gesorteerd.xlsx")
    out = tmp_path / "noodmap.pdf"
    result = run("binder", tmp_path / "gesorteerd.xlsx", "-o", out)
    assert result.exit_code == 1, result.output
    rows = grid_rows(out, "Rang", "Applicatie", "RTO")
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    expected = application_rtos(deps)
    rtos = [expected[key(name)] for _, name, _ in rows]
    assert rtos == sorted(rtos)


def test_nothing_readable_no_binder_exit_2_some_unreadable_exit_1(example, tmp_path):
    """A folder whose workbooks cannot be read is not an empty BIA: no binder that looks like one."""
    root, _, _, _ = example
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "BIA-Kapot.xlsx").write_text("geen werkmap")
    out = tmp_path / "noodmap.pdf"
    result = run("binder", broken, "-o", out)
    assert result.exit_code == 2 and not out.exists(), result.output
    assert "BIA-Kapot.xlsx" in result.output and "geen noodmap geschreven" in result.output
    shutil.copy(root / "teruggekomen" / "BIA-Financiën.xlsx", broken)
    result = run("binder", broken, "-o", out)
    assert result.exit_code == 1 and out.exists(), result.output
    # The unreadable file is named, with why, apart from the departments: not a department "Kapot"
    # (its name is only a guess from the file's), nor counted as one on the cover.
    texts = page_texts(out)
    text = flat(" ".join(texts))
    assert re.search(r"Deze bestanden konden niet gelezen worden; wat erin staat, ontbreekt in deze map: "
                     r"BIA-Kapot\.xlsx \(\S", text), text
    assert not any("Noodmap · Kapot" in t for t in texts)
    assert "Diensten 1, waarvan 1 met een ingevulde BIA" in flat(texts[0])
    assert "Onleesbare bestanden 1" in flat(texts[0])


def test_a_department_that_sent_back_an_empty_workbook_is_flagged(example, tmp_path):
    """An untouched workbook is not a department without critical processes: the binder says it is empty."""
    root, _, _, _ = example
    folder = tmp_path / "terug"
    folder.mkdir()
    shutil.copy(root / "teruggekomen" / "BIA-Financiën.xlsx", folder)
    assert run("new", folder / "BIA-Wonen.xlsx", "--department", "Wonen").exit_code == 0
    out = tmp_path / "noodmap.pdf"
    result = run("binder", folder, "-o", out)
    assert result.exit_code == 1 and out.exists(), result.output
    texts = page_texts(out)
    wonen = department_text(texts, "Wonen")
    assert "Deze dienst stuurde een lege BIA terug: de werkmap bevat geen enkel proces." in wonen
    assert "Geen tijdskritieke of essentiële processen" not in wonen
    assert "Diensten 2, waarvan 1 met een ingevulde BIA" in flat(texts[0])


def conflicts(deps) -> list[tuple[str, str, str, str]]:
    """(department, process, its dependency's department, dependency) where the dependency, a process of
    the same department or else of another, has a longer RTO (the test's own account)."""
    out = []
    for d in deps:
        for p in d.processes:
            for name in (x.strip() for x in re.split(r"[;,\n]", p.dependencies or "") if x.strip()):
                own = [(d.name, q) for q in d.processes if key(q.name) == key(name)]
                other = [(e.name, q) for e in deps for q in e.processes if key(q.name) == key(name)]
                for dname, q in own or other:
                    mine, theirs = rto(p), rto(q)
                    if mine is not None and theirs is not None and theirs > mine:
                        out.append((d.name, p.name, dname, q.name))
    return out


def test_dependencies_that_hold_up_the_recovery_are_printed_and_flagged(example):
    """Payroll and social benefits (48 h) wait for the accounting of Financiën (two weeks): on paper in
    a table of their own and on both processes' cards, so that the crisis team restores it with them."""
    _, deps, out, _ = example
    expected = conflicts(deps)
    assert ("Personeel", "Uitbetaling lonen", "Financiën", "Boekhouding (betalingen)") in expected
    texts = page_texts(out)
    table = flat(" ".join(t for t in texts if "Afhankelijkheden die het herstel ophouden" in t))
    for department, process, their_department, dependency in expected:
        assert f"{process} ({department}, RTO" in table and f"{dependency} ({their_department}, RTO" in table
        assert f"! hangt af van {dependency} ({their_department}" in department_text(texts, department)
        assert f"! nodig voor {process} ({department}" in department_text(texts, their_department)
    assert flat(" ".join(texts)).count("! hangt af van") == len(expected)


def test_every_page_has_header_and_footer_and_the_contents_are_right(example):
    _, deps, out, _ = example
    texts = page_texts(out)
    n = pages_of(out)
    assert len(texts) == n
    for i, text in enumerate(texts, start=1):
        assert "VERTROUWELIJK" in text and "Gemeente Voorbeeldegem · Noodmap" in text
        assert f"Pagina {i} van {n}" in text and re.search(r"Afgedrukt op \d{4}-\d\d-\d\d", text)
    first = flat(texts[0])
    for label in ("Organisatie Gemeente Voorbeeldegem", "Datum van de BIA", f"Sjabloonversie {L.TEMPLATE_VERSION}",
                  "Diensten 6, waarvan 5 met een ingevulde BIA"):
        assert label in first
    contents = page_texts(out, layout=True)[0]
    for d in [*deps, example_set.LISTED[-1]]:
        name = getattr(d, "name", None) or d.department
        entry = re.search(rf"^\s*{re.escape(name)}[ .]*?(\d+)\s*$", contents, re.M)
        assert entry, name
        page = int(entry.group(1))
        assert f"Noodmap · {name}" in texts[page - 1] and f"Noodmap · {name}" not in texts[page - 2]


def test_layout_nothing_outside_the_margins_or_on_top_of_each_other(example, tmp_path):
    _, _, out, _ = example
    assert layout_problems(out) == []
    subprocess.run(["pdftoppm", "-gray", "-r", "30", "-png", str(out), str(tmp_path / "p")], check=True)
    rendered = sorted(tmp_path.glob("p-*.png"))
    assert len(rendered) == pages_of(out) and all(p.stat().st_size > 1000 for p in rendered)


def cards(path: Path) -> list[str]:
    return re.findall(r"^\d+\. [^\n]+", "\n".join(page_texts(path)), re.M)


def test_from_a_folder_of_department_workbooks_or_one(example, tmp_path):
    root, deps, out, _ = example
    folder = tmp_path / "noodmap.pdf"
    result = run("binder", root / "teruggekomen", "-o", folder)
    assert result.exit_code == 1, result.output         # written; Vrije Tijd's workbook has errors
    assert len(cards(out)) >= 10 and cards(folder) == cards(out)
    assert "Gemeente Voorbeeldegem" in page_texts(folder)[0]
    one = tmp_path / "een.pdf"
    result = run("binder", root / "teruggekomen" / "BIA-Financiën.xlsx", "-o", one)
    assert result.exit_code == 0, result.output
    assert cards(one) == ["1. Boekhouding (betalingen)"]


def test_a_consolidated_workbook_that_lost_its_properties(example, tmp_path):
    """A spreadsheet program may drop the custom properties: the sheets still say what the file is."""
    root, _, out, _ = example
    bare = tmp_path / "BIA-organisatie.xlsx"
    with zipfile.ZipFile(root / "BIA-organisatie.xlsx") as src, zipfile.ZipFile(bare, "w") as dst:
        for item in src.infolist():
            if item.filename != "docProps/custom.xml":
                dst.writestr(item, src.read(item.filename))
    result = run("binder", bare, "-o", tmp_path / "n.pdf", "--organisation", "Gemeente Voorbeeldegem")
    assert result.exit_code == 1, result.output
    assert cards(tmp_path / "n.pdf") == cards(out)


def test_a_department_binder_for_the_counter(example, tmp_path):
    root, deps, out, _ = example
    small = tmp_path / "sociale-dienst.pdf"
    result = run("binder", root / "BIA-organisatie.xlsx", "-o", small, "--department", "sociale dienst")
    assert result.exit_code == 1, result.output
    text = flat(" ".join(page_texts(small)))
    social = next(d for d in deps if d.name == "Sociale Dienst")
    positions = [text.find(f"{i}. {name}") for i, name in enumerate(recovery_order(social), start=1)]
    assert -1 not in positions and positions == sorted(positions)
    for other in deps:
        if other is not social:
            assert not any(f". {name}" in text for name in recovery_order(other))
    assert "Sara Claes" in text and "Els Mertens" in text and "An Peeters" not in text
    assert "Noodmap van de dienst" in text and "De eerste stappen in de dienst" in text
    assert pages_of(small) <= 5 < pages_of(out)
    assert layout_problems(small) == []


def test_unknown_department_one_line_exit_2(example, tmp_path):
    root, _, _, _ = example
    result = run("binder", root / "BIA-organisatie.xlsx", "-o", tmp_path / "x.pdf", "--department", "Brandweer")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Fout: geen dienst 'Brandweer' in de BIA; kies uit: Burgerzaken, Financiën, Personeel, Sociale Dienst, "
        "Technische Dienst, Vrije Tijd"]
    assert not (tmp_path / "x.pdf").exists()
    result = run("binder", root / "BIA-organisatie.xlsx", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "kies een naam op .pdf" in result.output


def test_in_english(example, tmp_path):
    root, deps, _, _ = example
    out = tmp_path / "binder.pdf"
    result = run("binder", root / "BIA-organisatie.xlsx", "-o", out, "--lang", "en")
    assert result.exit_code == 1 and "Crisis binder written" in result.output
    assert ("This BIA lists workbooks with errors, empty or unreadable (Vrije Tijd): see the Check sheet"
            in result.output)
    texts = page_texts(out)
    assert "Crisis binder: business continuity" in texts[0] and "Page 1 of" in texts[0]
    assert "CONFIDENTIAL" in texts[-1] and "The first hour" in flat(" ".join(texts))
    burgerzaken = department_text([t.replace("Crisis binder ·", "Noodmap ·") for t in texts], "Burgerzaken")
    assert "1. " + recovery_order(deps[0])[0] in burgerzaken and "TKP, time-critical" in burgerzaken


def test_an_empty_consolidation_gives_a_binder_that_says_so(tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    out = tmp_path / "noodmap.pdf"
    result = run("binder", empty, "-o", out)
    assert result.exit_code == 0, result.output
    assert "De BIA bevat geen processen" in result.output
    text = flat(" ".join(page_texts(out)))
    assert "Deze BIA bevat nog geen processen" in text and "Crisiscel samenroepen" in text
    assert "Geen applicaties of systemen genoemd" in text and "Geen contactpersonen ingevuld" in text
    assert layout_problems(out) == []


# -- long texts and many departments, in memory ------------------------------------------------------

LONG_WORD = "Aanvraagformulierenverwerkingsprocedurehandleidingsbijlagenoverzichtsdocumentatiebundel"
#: One paragraph without line breaks, longer than a page: cut where it wraps.
PAGE_LONG = " ".join(f"woord{i}" for i in range(1600))
FALLBACK = " ".join(f"stap{i} noteer de aanvraag op het papieren formulier en bewaar het in de map" for i in range(1, 200))[:2000]


def long_department() -> Department:
    name = "Registratie van " + " ".join(["zeer lange en uitgebreide procesnamen"] * 6) + " " + LONG_WORD
    return Department("Dienst met lange teksten", example_set.ORGANISATION, [
        Process(name, ("K", "K", "K", "K"), rpo=4),
        Process("Zonder contactpersoon", ("H", "H", "H", "H"), rpo=2),
        Process("Een procedure langer dan een pagina", ("M", "H", "H", "H"), rpo=24),
    ], [
        Resource(name, "Baliemedewerker; " + LONG_WORD, "https://" + LONG_WORD.lower() + ".example.be/aanvraag",
                 "1 pc", "Loket", "Leverancier " + LONG_WORD, "Piet Pieters, 0470 99 99 99", FALLBACK),
        Resource("Zonder contactpersoon", "Medewerker", "Pakket", "1 pc", "Loket", "", "", "Op papier"),
        Resource("Een procedure langer dan een pagina", "Medewerker", "Pakket", "1 pc", "Loket", "",
                 "Jan Janssens, 0470 88 88 88", PAGE_LONG),
    ])


def test_a_long_process_name_and_a_long_fallback_wrap(tmp_path):
    dep = long_department()
    tables = consolidate([submission(dep)]).tables
    out = tmp_path / "lang.pdf"
    organisation = "Intergemeentelijk samenwerkingsverband " + "voor zeer veel gemeenten " * 8
    write_binder(out, build(tables, organisation=organisation, printed="2026-11-24"))
    assert layout_problems(out) == []          # also the header: the long name is shortened before "vertrouwelijk"
    for _, _, words in word_boxes(out):
        header = [w[4] for w in words if w[3] < TOP]
        assert "VERTROUWELIJK" in header and any(w.endswith("…") for w in header), header
    solid = "".join(" ".join(page_texts(out)).split())
    assert "".join(FALLBACK.split()) in solid
    words = re.findall(r"woord\d+", " ".join(page_texts(out)))
    assert words == PAGE_LONG.split()             # every word, once, in order, over several pages
    assert "Manuele noodprocedure (vervolg)" in flat(" ".join(page_texts(out)))
    assert "".join(dep.processes[0].name.split()) in solid
    text = flat(" ".join(page_texts(out)))
    assert "Zonder contactpersoon" in text and "! geen contactpersoon" in text


def test_characters_the_font_lacks_are_replaced_not_boxed(tmp_path):
    dep = Department("Onthaal", "", [Process("Telefonie", ("K", "K", "K", "K"))], [
        Resource("Telefonie", contacts="Łukasz Żak-Öztürk ☎\U0001F4DE, 0470 11 22 33", fallback="Bel ⟶ noteer")])
    out = tmp_path / "tekens.pdf"
    write_binder(out, build(consolidate([submission(dep)]).tables, printed="2026-11-24"))
    text = flat(" ".join(page_texts(out)))
    assert "Łukasz Żak-Öztürk" in text and "0470 11 22 33" in text and "\U0001F4DE" not in text
    assert "? noteer" in text or "⟶ noteer" in text       # an arrow: printed if the font has it, else "?"
    assert "(organisatie niet ingevuld)" in text


def many(n: int) -> list[Department]:
    """``n`` departments, each a copy of one of the example's, renamed."""
    base = example_set.returned_departments()
    out = []
    for i in range(n):
        d = copy.deepcopy(base[i % len(base)])
        d.name = f"Dienst {i + 1:02d} {d.name}"
        out.append(d)
    return out


def test_the_page_count_grows_linearly_with_the_departments(tmp_path):
    counts = {}
    for n in (1, 2, 50):
        tables = consolidate([submission(d) for d in many(n)]).tables
        out = tmp_path / f"n{n}.pdf"
        counts[n] = write_binder(out, build(tables, organisation=example_set.ORGANISATION, printed="2026-11-24"))
        assert counts[n] == pages_of(out)
    assert counts[1] < counts[2] < counts[50]
    assert counts[1] + 49 <= counts[50] <= counts[1] + 49 * 3, counts     # a page or three per department
    assert layout_problems(tmp_path / "n50.pdf") == []
    # Els Mertens is named for processes of 40 departments: her row is cut into rows that say whose
    # they are, and every process is there.
    text = flat(" ".join(page_texts(tmp_path / "n50.pdf")))
    assert "Els Mertens (vervolg)" in text
    index = text[text.rindex("Contactpersonen"):]
    for d in many(50):
        for r in d.resources:
            if "Els Mertens" in r.contacts:
                assert f"{d.name}: {r.process}" in index


def test_the_file_is_replaced_whole_or_not_at_all(tmp_path):
    out = tmp_path / "noodmap.pdf"
    out.write_bytes(b"%PDF- the old binder")
    bad = build({}, printed="2026-11-24")
    bad.sections.append(Section("x", "x", 0, [object()]))
    with pytest.raises(TypeError):
        write_binder(out, bad)
    assert out.read_bytes() == b"%PDF- the old binder"
    assert [p.name for p in tmp_path.iterdir()] == ["noodmap.pdf"]
    assert isinstance(bad, Binder)


def test_applications_it_cannot_restore_in_time_are_marked(tmp_path):
    """IT's verdicts reach the paper: an application that misses its RTO, RPO or restore test says
    which, in words; one only in IT's file (no process needs it) is not in the recovery order."""
    tables = {"applications": [
        {"rank": 1, "name": "Cipal Schaubroeck", "rto_hours": 24.0, "rpo_hours": 4.0, "tkp_processes": "Burgerzaken: E-ID",
         "spellings": "", "misses_target": "yes", "rto_verdict": "rto-not-met", "rpo_verdict": "rpo-met",
         "test_verdict": "test-too-old", "remark": ""},
        {"rank": 2, "name": "Belpic", "rto_hours": 48.0, "rpo_hours": 24.0, "tkp_processes": "Burgerzaken: E-ID",
         "spellings": "", "misses_target": "no", "rto_verdict": "rto-met", "rpo_verdict": "rpo-met",
         "test_verdict": "test-recent", "remark": ""},
        {"rank": 3, "name": "Oud archief", "rto_hours": None, "rpo_hours": None, "tkp_processes": "",
         "spellings": "", "misses_target": "", "remark": "not-named"},
    ]}
    out = tmp_path / "noodmap.pdf"
    write_binder(out, build(tables, organisation="Gemeente Voorbeeldegem", printed="2026-11-23"))
    text = flat(" ".join(page_texts(out)))
    assert "! IT haalt dit doel niet: RTO niet gehaald, test te oud" in text
    assert text.count("IT haalt dit doel niet") == 1 and "Oud archief" not in text


# -- IT's verdicts follow IT's inputs, not the formulas' cached values ------------------------------

#: (application, restore time typed by the consolidation, restore time typed afterwards, in hours):
#: Telefoon could be restored in time and no longer can, DABS could not and now can.
RESTORES = (("Telefoon", 1, 500), ("DABS", 10_000, 1))


def it_marked(text: str) -> set[str]:
    """The applications the binder marks as missing a target (their name stands before the mark)."""
    return {name for name, _, _ in RESTORES if re.search(rf"\b{re.escape(name)} ! IT haalt dit doel niet", text)}


def expected_marked(deps, restores: dict[str, float]) -> set[str]:
    """The test's own verdict: a backup interval of 0 and a restore test of today meet any RPO and the
    age limit, so an application is marked when its restore time is longer than its shortest RTO."""
    needs = application_rtos(deps)
    return {name for name, hours in restores.items() if hours > needs[key(name)]}


@pytest.fixture(scope="module")
def with_it(example):
    """The example consolidated with IT's inputs for the two applications of :data:`RESTORES` (the first
    restore times): the consolidation (verdicts computed) and the department workbooks' content."""
    from datetime import date

    from bcm_excel.analysis.capabilities import CapabilityInput, Recovery

    root, deps, _, _ = example
    today = date.today()
    inputs = [CapabilityInput(name, {"backup_hours": 0, "restore_hours": before, "last_restore_test": today.isoformat(),
                                     "it_owner": "IT"}) for name, before, _ in RESTORES]
    submissions, _ = read_submissions(find_workbooks([root / "teruggekomen"]), jobs=1)
    return consolidate(submissions, list(example_set.LISTED), None, "nl", Recovery(inputs, today)), deps


def test_the_binder_follows_it_inputs_edited_by_a_program_that_does_not_recalculate(with_it, tmp_path):
    """The coordinator types other restore times into the applications sheet with openpyxl, which keeps
    the verdicts' formulas but no value for them: the binder marks what the new numbers say."""
    result, deps = with_it
    path = write_consolidation(tmp_path / "BIA-organisatie.xlsx", result, organisation=example_set.ORGANISATION)
    assert expected_marked(deps, {n: before for n, before, _ in RESTORES}) == {"DABS"}      # before the edit
    book = openpyxl.load_workbook(path)
    sheet = book["Applicaties"]
    heads = [c.value for c in sheet[4]]
    name_col, restore_col = heads.index("Naam") + 1, heads.index("Hersteltijd (uren)") + 1
    typed = {}
    for row in range(5, sheet.max_row + 1):
        name = sheet.cell(row, name_col).value
        for app, _, after in RESTORES:
            if name == app:
                sheet.cell(row, restore_col).value = typed[app] = after
    assert set(typed) == {name for name, _, _ in RESTORES}
    book.save(path)

    out = tmp_path / "noodmap.pdf"
    cli_result = run("binder", path, "-o", out)
    assert cli_result.exit_code == 1, cli_result.output
    want = expected_marked(deps, typed)
    assert want == {"Telefoon"}                                     # 500 h against 2 h; DABS 1 h against 24 h
    assert it_marked(flat(" ".join(page_texts(out)))) == want
    assert "De oordelen volgen hier de invoer" in cli_result.output     # the sheet showed no verdict: said so


def test_the_binder_follows_it_inputs_when_the_cached_verdicts_are_stale(with_it, tmp_path):
    """A workbook whose inputs say one thing and whose formulas' cached values another (written here
    with the verdicts of the first restore times and the second restore times as inputs): the inputs count."""
    result, deps = with_it
    stale = copy.deepcopy(result)
    for row in stale.table("applications"):
        for name, _, after in RESTORES:
            if row["name"] == name:
                row["restore_hours"] = after            # the verdicts stay those of the first restore times
    assert {r["name"] for r in stale.table("applications") if r["misses_target"] == "yes"} == {"DABS"}
    path = write_consolidation(tmp_path / "BIA-organisatie.xlsx", stale, organisation=example_set.ORGANISATION)

    out = tmp_path / "noodmap.pdf"
    cli_result = run("binder", path, "-o", out)
    assert cli_result.exit_code == 1, cli_result.output
    want = expected_marked(deps, {name: after for name, _, after in RESTORES})
    assert it_marked(flat(" ".join(page_texts(out)))) == want == {"Telefoon"}
    assert "toonden 2 applicaties een ander oordeel" in cli_result.output


def test_the_binder_of_a_department_that_sent_nothing_speaks_of_that_department(example, tmp_path):
    """Technische Dienst is on the list but sent no workbook: its counter binder says it holds none of
    its processes and what to do, with the department's first steps, not the organisation's advice
    about "the first hour below" (which a department binder does not hold)."""
    root, _, _, _ = example
    out = tmp_path / "technische-dienst.pdf"
    result = run("binder", root / "BIA-organisatie.xlsx", "-o", out, "--department", "technische dienst")
    assert result.exit_code == 1, result.output
    assert "De BIA bevat geen processen van Technische Dienst; de noodmap zegt dat." in result.output
    text = flat(" ".join(page_texts(out)))
    assert "Deze BIA bevat nog geen processen van deze dienst" in text
    assert "Deze dienst stuurde geen BIA terug" in text and "De eerste stappen in de dienst" in text
    assert "Het eerste uur" not in text and "Deze BIA bevat nog geen processen. Stuur" not in text
    assert layout_problems(out) == []


def test_a_bia_that_read_no_workbook_still_prints_with_exit_1(tmp_path):
    """A consolidated BIA of a folder whose only workbook was unreadable is still a BIA: its binder is
    written (the first hour, the unreadable file named) with exit 1, not refused as "nothing read"."""
    folder = tmp_path / "terug"
    folder.mkdir()
    (folder / "BIA-Financiën.xlsx").write_bytes(b"PK\x03\x04 geen werkmap")
    bia = tmp_path / "BIA-organisatie.xlsx"
    assert run("consolidate", folder, "-o", bia).exit_code == 2 and bia.exists()
    out = tmp_path / "noodmap.pdf"
    result = run("binder", bia, "-o", out)
    assert result.exit_code == 1 and out.exists(), result.output
    assert "Deze BIA vermeldt werkmappen met fouten, leeg of onleesbaar (BIA-Financiën.xlsx)" in result.output
    text = flat(" ".join(page_texts(out)))
    assert "BIA-Financiën.xlsx" in text and "Het eerste uur" in text
