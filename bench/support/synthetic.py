"""Realistic synthetic department workbooks for the benchmarks, through bcm-excel's own generator.

A pool of distinct departments is generated with :func:`bcm_excel.excel.write.write_workbook`
(processes with impacts, overrides, RPOs and dependencies, some on other departments' processes;
resources with applications spelled in several ways, suppliers and contact persons shared across
departments; risks), a few of them saved again by LibreOffice. Larger sets are clones of the pool
under other department names (the name is a document property, which the reader takes first), so
a set of 3,000 takes seconds to build instead of half an hour, and every file is a valid workbook.
"""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from pathlib import Path

from bcm_excel.core.model import Department, Process, Resource, Risk
from bcm_excel.excel import libreoffice
from bcm_excel.excel.write import write_workbook

DEPARTMENTS = ["Burgerzaken", "Financiën", "Personeel", "Sociale Dienst", "Vrije Tijd", "Technische Dienst",
               "Omgeving", "Secretariaat", "Communicatie", "ICT", "Onderwijs", "Kinderopvang", "Cultuur",
               "Sport", "Lokale Economie", "Wonen", "Mobiliteit", "Milieu", "Patrimonium", "Politie"]
VERBS = ["Registratie", "Uitbetaling", "Behandeling", "Opvolging", "Planning", "Aanvraag", "Controle",
         "Inning", "Toekenning", "Afhandeling"]
OBJECTS = ["lonen", "leefloon", "facturen", "vergunningen", "klachten", "subsidies", "akten", "inschrijvingen",
           "meldingen", "contracten", "huurcontracten", "premies", "bestellingen", "afspraken", "dossiers"]
APPLICATIONS = [["Cipal Schaubroeck", "CIPAL schaubroeck", "Cipal Schaubroek"], ["Belpic"], ["Rijksregister"],
                ["Boekhoudpakket"], ["Bankapplicatie", "bank-applicatie"], ["OCMW-pakket"], ["Mercurius"],
                ["Sociaal secretariaat (web)", "Sociaal secretariaat"], ["Afsprakenmodule"], ["E-loket"],
                ["Omgevingsloket"], ["GIS-viewer"], ["Mailserver", "E-mail"], ["Telefooncentrale"], ["Intranet"]]
SUPPLIERS = ["Cipal Schaubroeck", "Bank", "Sociaal secretariaat", "Provincie", "FOD Binnenlandse Zaken",
             "Elektriciteitsnet", "Internetprovider", "Drukkerij", "Schoonmaakfirma", "Nutsbedrijf"]
PEOPLE = ["Els Mertens", "An Peeters", "Tom Janssens", "Sara Claes", "Karel Wouters", "Lotte Maes", "Bart Smets",
          "Jonas Vermeulen", "Nele De Smet", "Pieter Goossens", "Ines Wouters", "Wim Jacobs"]
SHARED = "Boekhouding (betalingen)"
LEVELS = "LMHK"


def department(rng: random.Random, name: str, processes: int) -> Department:
    """One department with ``processes`` processes, resources for the critical ones, and risks."""
    names = []
    while len(names) < processes:
        candidate = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}" + (f" {len(names) + 1}" if len(names) > 40 else "")
        if candidate not in names:
            names.append(candidate)
    if name == "Financiën":
        names[0] = SHARED
    procs, resources = [], []
    for i, pname in enumerate(names):
        start = rng.choices(range(4), weights=(5, 3, 2, 1))[0]
        impacts = [LEVELS[min(3, start + sum(rng.random() < 0.5 for _ in range(h)))] for h in range(4)]
        deps = []
        if i and rng.random() < 0.3:
            deps.append(rng.choice(names[:i]))
        if rng.random() < 0.1:
            deps.append(SHARED)
        if rng.random() < 0.1:
            deps.append(rng.choice(rng.choice(APPLICATIONS)))
        override = rng.choice([None] * 9 + [24])
        procs.append(Process(pname, tuple(impacts), override=override,
                             override_reason="Wettelijke termijn" if override else "",
                             rpo=rng.choice([4, 24, 48, "2 dagen", "1 week"]), dependencies="; ".join(deps)))
        if impacts[1] in "HK" or impacts[2] in "HK":
            tools = "; ".join(rng.choice(rng.choice(APPLICATIONS)) for _ in range(rng.randint(1, 3)))
            people = "; ".join(f"{p}, 0470 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
                               for p in rng.sample(PEOPLE, rng.randint(1, 2)))
            resources.append(Resource(pname, f"{rng.randint(1, 3)} medewerkers; diensthoofd", tools,
                                      "pc; printer", "kantoor", "; ".join(rng.sample(SUPPLIERS, 2)), people,
                                      "Op papier verder en later invoeren"))
    risks = [Risk(f"Risico {j + 1} van {name}", "", rng.choice("LMH"), "", rng.choice("LMH"),
                  rng.choice(["verminderen", "aanvaarden", "preventieve maatregelen"]), "Maatregelen", "Diensthoofd")
             for j in range(rng.randint(3, 8))]
    return Department(name, "Gemeente Voorbeeldegem", procs, resources, risks, rng.choice(PEOPLE))


def pool(folder: Path, size: int = 20, processes: int = 20, libreoffice_saved: int = 2, seed: int = 2026,
         rows: int | None = None) -> list[Path]:
    """``size`` distinct workbooks in ``folder``; the first ``libreoffice_saved`` re-saved by LibreOffice."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(size):
        name = DEPARTMENTS[i % len(DEPARTMENTS)] + (f" {i // len(DEPARTMENTS) + 1}" if i >= len(DEPARTMENTS) else "")
        kwargs = {"rows": rows} if rows else {}
        paths.append(write_workbook(folder / f"pool-{i:03d}.xlsx", department(rng, name, processes), **kwargs))
    if libreoffice_saved and libreoffice.soffice():
        saved = libreoffice.recalculate(paths[:libreoffice_saved], folder / "libreoffice")
        for original, again in zip(paths, saved):
            shutil.move(again, original)
    return paths


_DEPARTMENT_PROPERTY = re.compile(rb'(name="bcm_excel_department"[^>]*>\s*<vt:lpwstr>)(.*?)(</vt:lpwstr>)', re.S)


def clone(source: Path, target: Path, department: str) -> Path:
    """A copy of ``source`` holding department ``department``: its document property and the
    instructions sheet's cell (a shared string, the department's name in ``source``) rewritten."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        was = _DEPARTMENT_PROPERTY.search(src.read("docProps/custom.xml")).group(2)
        shown = re.compile(rb"(<t(?: [^>]*)?>)" + re.escape(was) + rb"(</t>)")
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/custom.xml":
                data = _DEPARTMENT_PROPERTY.sub(lambda m: m.group(1) + department.encode() + m.group(3), data)
            elif info.filename == "xl/sharedStrings.xml":
                data = shown.sub(lambda m: m.group(1) + department.encode() + m.group(2), data)
            dst.writestr(info, data)
    return target


def workbook_set(folder: Path, n: int, base: list[Path]) -> list[Path]:
    """``n`` department workbooks in ``folder``, cloned round-robin from ``base``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [clone(base[i % len(base)], folder / f"BIA-dienst-{i:05d}.xlsx", f"Dienst {i:05d}") for i in range(n)]
