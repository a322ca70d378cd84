"""Checking a file with pandera, a chunk of rows at a time, and saying what is wrong in plain French.

Two passes over each chunk, both declared as pandera schemas validated lazily (every failure
collected):
1. each cell on its own — known code, a number, a date within the programme, a required value;
2. each row as a whole, wherever the cells a check reads are readable — coherent period, partner,
   breakdowns allowed by the indicator, rights of the person loading.
Duplicates of a natural key across the whole file are found from a 128-bit hash of each row's key
(24 bytes a row, not its cells). Every failure becomes a Problem located by the line number Excel
shows and the file's own header; a report keeps the first `REPORT_PROBLEMS` of them (in file
order) and counts the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
from openpyxl.utils import get_column_letter

from data import french
from data.importing import territory_boundaries
from data.importing.catalog import (
    DIMENSION_NAMES,
    EVENT_KINDS,
    OUTCOME_KINDS,
    OUTCOME_STATUSES,
    PRACTICE_TYPES,
    STATUSES_BY_KIND,
    Catalog,
    Lookup,
)
from data.importing.kinds import ATTENDANCE_PREFIX, EVENTS, OBSERVATIONS, OUTCOMES, ColumnSpec
from data.importing.kinds import columns as kind_columns
from data.importing.parsing import clean_text, header_key, parse_date, parse_number
from data.importing.reading import RawTable, Row
from data.reference import PROGRAMME_END, PROGRAMME_START


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the file, where the user will find it."""

    line: int  # as Excel numbers it (header = 1); 0 for the file as a whole
    position: int  # column position, to sort problems as they appear on screen
    column: str  # the file's own header text ("" when the problem is about a whole line)
    message: str

    @property
    def where(self) -> str:
        """The column as the user finds it in Excel: its letter, then the file's own header."""
        if not self.column:
            return ""
        if self.position < 0:
            return f"« {self.column} »"
        return f"{get_column_letter(self.position + 1)} « {self.column} »"

    def __str__(self) -> str:
        if self.line and self.column:
            return f"Ligne {self.line}, colonne {self.where} : {self.message}"
        if self.line:
            return f"Ligne {self.line} : {self.message}"
        return self.message


# A report keeps this many problems (the first ones in the file); the others are only counted.
REPORT_PROBLEMS = 500


@dataclass
class Report:
    """What validation found: the typed rows (when there is no problem) and the problems.

    `problems` holds the first `REPORT_PROBLEMS` problems in file order, `problem_count` counts
    them all, `lines_rejected` the distinct lines that have one. `rows` is a list, or a
    `RowSpool` on disk for files read in chunks.
    """

    kind: str
    n_rows: int
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem_count: int = 0
    keep: int = REPORT_PROBLEMS
    _lines: bytearray = field(default_factory=bytearray, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.problem_count and self.n_rows > 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        self.problems.append(problem)
        if len(self.problems) > 2 * self.keep:  # amortised: memory stays within 2 × keep
            self.problems = sorted(set(self.problems))[: self.keep]
        if problem.line:
            # One byte a line (1 Mo for a million lines): the exact count of lines refused.
            if problem.line >= len(self._lines):
                self._lines.extend(bytes(problem.line + 1 - len(self._lines)))
            self._lines[problem.line] = 1

    @property
    def lines_rejected(self) -> int:
        lines = {p.line for p in self.problems if p.line}
        return max(self._lines.count(1), len(lines))

    def kept(self) -> list[Problem]:
        """The problems shown, in file order: the first `keep` of the file."""
        self.problems = sorted(set(self.problems))[: self.keep]
        return self.problems

    @property
    def problems_left_out(self) -> int:
        return max(0, max(self.problem_count, len(self.problems)) - len(self.kept()))

    def messages(self) -> list[str]:
        shown = [str(p) for p in self.kept()]
        if self.problems_left_out:
            shown.append(more_problems(self.problems_left_out, self.problem_count))
        return shown


def more_problems(left_out: int, total: int) -> str:
    s = "s" if left_out > 1 else ""
    return f"… et {left_out} autre{s} problème{s} ({total} au total)."


def _fr_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _listing(codes, limit: int = 8) -> str:
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return shown + (", …" if len(codes) > limit else "")


# --- pass 1: each cell


@dataclass(frozen=True)
class CellRule:
    """How one type of cell is read, and the checks (name -> predicate on a non-blank cell)."""

    convert: Callable[[object], object]
    checks: tuple[tuple[str, Callable[[object], bool]], ...]


def _in_programme(value: object) -> bool:
    day = parse_date(value)
    return day is None or PROGRAMME_START <= day <= PROGRAMME_END


def _non_negative(value: object) -> bool:
    number = parse_number(value)
    return number is None or number >= 0


def _whole(value: object) -> bool:
    number = parse_number(value)
    return number is None or float(number).is_integer()


def _lookup_rule(lookup: Lookup) -> CellRule:
    return CellRule(lookup.resolve, (("inconnu", lambda v: lookup.resolve(v) is not None),))


def cell_rules(catalog: Catalog, spec: ColumnSpec) -> CellRule:
    kind = spec.value_type
    if kind == "date":
        return CellRule(
            parse_date,
            (
                ("date", lambda v: parse_date(v) is not None),
                ("date_programme", _in_programme),
            ),
        )
    if kind in ("number", "count"):
        checks = [("nombre", lambda v: parse_number(v) is not None), ("positif", _non_negative)]
        if kind == "count":
            checks.append(("entier", _whole))
        return CellRule(parse_number, tuple(checks))
    if kind == "text":
        limit = spec.max_length
        return CellRule(clean_text, (("longueur", lambda v: len(clean_text(v) or "") <= limit),))
    if kind.startswith("dimension:"):
        return _lookup_rule(catalog.dimensions[kind.split(":", 1)[1]])
    if kind == "territory":
        # Known to the store, and drawable on the maps (data/importing/territory_boundaries.py).
        rule = _lookup_rule(catalog.territories)
        checks = (*rule.checks, territory_boundaries.cell_check(catalog.territories.resolve))
        return CellRule(rule.convert, checks)
    lookups = {
        "indicator": catalog.indicators,
        "partner": catalog.partners,
        "territory": catalog.territories,
        "action": catalog.actions,
        "event_kind": catalog.event_kinds,
        "outcome_kind": catalog.outcome_kinds,
        "outcome_status": catalog.outcome_statuses,
        "practice_type": catalog.practice_types,
    }
    return _lookup_rule(lookups[kind])


def _element_check(name: str, predicate: Callable[[object], bool]) -> pa.Check:
    # Blank cells are the business of `nullable` (a required value), not of the type checks.
    return pa.Check(lambda v: v is None or predicate(v), element_wise=True, name=name)


def _unknown_message(spec: ColumnSpec, value: str, catalog: Catalog) -> str:
    kind = spec.value_type
    if kind == "indicator":
        return (
            f"« {value} » n'est pas un code ni un libellé d'indicateur connu "
            "(la liste des codes figure dans le modèle de fichier)."
        )
    if kind == "partner":
        return (
            f"« {value} » n'est pas un partenaire du programme "
            f"(attendu : {_listing(catalog.partners.labels)})."
        )
    if kind == "territory":
        return f"« {value} » n'est ni un code INSEE ni un nom de territoire connu" + (
            _canton_hint(value, catalog) + "."
        )
    if kind == "action":
        return f"« {value} » n'est pas une action connue (attendu : un code d'action du modèle)."
    if kind.startswith("dimension:"):
        name = kind.split(":", 1)[1]
        return (
            f"« {value} » n'est pas une valeur connue de {DIMENSION_NAMES[name]} "
            f"(attendu : {_listing(catalog.dimensions[name].labels, 12)})."
        )
    tables = {
        "event_kind": ("un type d'événement", EVENT_KINDS),
        "outcome_kind": ("un type de résultat", OUTCOME_KINDS),
        "outcome_status": ("un statut", OUTCOME_STATUSES),
        "practice_type": ("un type de pratique", PRACTICE_TYPES),
    }
    what, table = tables[kind]
    return f"« {value} » n'est pas {what} connu (attendu : {_listing(table, 12)})."


def _canton_hint(value: str, catalog: Catalog) -> str:
    """For a four-digit code (a canton's length): which canton codes the store knows."""
    cantons = sorted(c for c in catalog.territories.labels if len(c) == 4 and c.isdigit())
    if not (len(value) == 4 and value.isdigit() and cantons):
        return ""
    return (
        f" : un canton s'écrit avec son code INSEE à quatre chiffres, de {cantons[0]} à "
        f"{cantons[-1]} (les cantons de l'Essonne)"
    )


def _shown(raw: object) -> str:
    """A cell as the user sees it in French Excel (a number cell with a decimal comma)."""
    if isinstance(raw, float) and not raw.is_integer():
        return repr(raw).replace(".", ",")
    return clean_text(raw) or ""


def _cell_message(check: str, spec: ColumnSpec, raw: object, catalog: Catalog) -> str:
    shown = _shown(raw)
    if check == "not_nullable":
        return "valeur obligatoire manquante."
    if check == "inconnu":
        return _unknown_message(spec, shown, catalog)
    if check == territory_boundaries.CHECK:
        code = catalog.territories.resolve(raw)
        return territory_boundaries.message(shown, code, catalog.territories.labels.get(code))
    if check == "date":
        return (
            f"« {shown} » n'est pas une date valide : attendu jj/mm/aaaa (par exemple 15/03/2012)."
        )
    if check == "date_programme":
        return (
            f"la date {_fr_date(parse_date(raw))} est en dehors du programme "
            f"(du {_fr_date(PROGRAMME_START)} au {_fr_date(PROGRAMME_END)})."
        )
    if check == "nombre":
        return f"« {shown} » n'est pas un nombre."
    if check == "positif":
        return f"« {shown} » est négatif : un nombre positif ou nul est attendu."
    if check == "entier":
        return f"« {shown} » n'est pas un nombre entier de personnes."
    if check == "longueur":
        return f"le texte compte {len(shown)} caractères : {spec.max_length} au plus sont acceptés."
    return f"valeur refusée (« {shown} »)."


# --- the file's columns


@dataclass
class _Layout:
    specs: dict[str, ColumnSpec]
    positions: dict[str, int]  # canonical key -> index of the column in the file
    headers: dict[str, str]  # canonical key -> the file's own header text


def _map_headers(headers: list[str], specs: list[ColumnSpec], report: Report) -> _Layout | None:
    by_key = {}
    for spec in specs:
        for key in spec.header_keys():
            by_key.setdefault(key, spec)
    layout = _Layout({s.key: s for s in specs}, {}, {})
    for index, header in enumerate(headers):
        if not header:
            continue
        spec = by_key.get(header_key(header))
        if spec is None:
            report.warnings.append(
                f"La colonne « {header} » (colonne {get_column_letter(index + 1)}) ne correspond "
                "à aucune colonne attendue : elle est ignorée."
            )
            continue
        if spec.key in layout.positions:
            first = layout.positions[spec.key]
            report.add(
                Problem(
                    1,
                    index,
                    header,
                    f"la colonne « {spec.header} » apparaît deux fois (colonnes "
                    f"{get_column_letter(first + 1)} et {get_column_letter(index + 1)}).",
                )
            )
            continue
        layout.positions[spec.key] = index
        layout.headers[spec.key] = header
    missing = [s for s in specs if s.required and s.key not in layout.positions]
    for spec in missing:
        report.add(
            Problem(
                1,
                -1,
                "",
                f"la colonne obligatoire « {spec.header} » est absente de la ligne d'en-tête "
                f"(colonnes attendues : {', '.join(s.header for s in specs if s.required)}).",
            )
        )
    return None if report.problems else layout


def _frame(rows: list[Row], width: int, layout: _Layout, report: Report) -> pd.DataFrame:
    data: dict[str, list] = {key: [] for key in layout.positions}
    lines = []
    for line, cells in rows:
        extra = [c for c in cells[width:] if clean_text(c) is not None]
        if extra:
            report.add(
                Problem(
                    line,
                    -1,
                    "",
                    f"la ligne compte {len(cells)} cellules alors que l'en-tête en a {width} : "
                    "une virgule décimale dans un fichier séparé par des virgules ? Mettez les "
                    "nombres entre guillemets ou enregistrez le fichier avec des points-virgules.",
                )
            )
        lines.append(line)
        for key, index in layout.positions.items():
            value = cells[index] if index < len(cells) else None
            data[key].append(value if not isinstance(value, str) else clean_text(value))
    return pd.DataFrame(data, index=pd.Index(lines, name="ligne"), dtype=object)


def _cell_pass(
    frame: pd.DataFrame, layout: _Layout, catalog: Catalog, report: Report
) -> dict[int, set[str]]:
    """Validate every cell; return, for each line with a problem, the columns that have one."""
    rules = {key: cell_rules(catalog, layout.specs[key]) for key in layout.positions}
    schema = pa.DataFrameSchema(
        {
            key: pa.Column(
                None,
                nullable=not layout.specs[key].required,
                checks=[_element_check(name, check) for name, check in rules[key].checks],
            )
            for key in layout.positions
        },
        name="cellules",
    )
    bad: dict[int, set[str]] = {}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        for failure in errors.failure_cases.to_dict("records"):
            key, line = failure["column"], failure["index"]
            if not isinstance(key, str) or key not in layout.positions or pd.isna(line):
                continue
            line = int(line)
            bad.setdefault(line, set()).add(key)
            report.add(
                Problem(
                    line,
                    layout.positions[key],
                    layout.headers[key],
                    _cell_message(
                        failure["check"], layout.specs[key], frame.at[line, key], catalog
                    ),
                )
            )
    return bad


# --- pass 2: each row as a whole


@dataclass(frozen=True)
class RowRule:
    """A check of a whole row: its name, the column it is reported on, and the message."""

    name: str
    column: str
    predicate: Callable[[dict], bool]
    message: Callable[[dict], str]


def _typed_rows(frame: pd.DataFrame, layout: _Layout, catalog: Catalog) -> pd.DataFrame:
    typed = {}
    for key in layout.specs:
        if key in layout.positions:
            convert = cell_rules(catalog, layout.specs[key]).convert
            typed[key] = [None if v is None else convert(v) for v in frame[key]]
        else:
            typed[key] = [None] * len(frame)
    return pd.DataFrame(typed, index=frame.index, dtype=object)


def _row_rules(kind: str, catalog: Catalog, editor_partner: str | None) -> list[RowRule]:
    name = catalog.partner_name

    def row_partner(row: dict) -> str | None:
        if kind == OBSERVATIONS:
            return catalog.indicator_info[row["indicateur"]].partner
        return row["partenaire"]

    rules: list[RowRule] = []
    if editor_partner is not None:
        rules.append(
            RowRule(
                "droits",
                "partenaire" if kind != OBSERVATIONS else "indicateur",
                lambda r: row_partner(r) == editor_partner,
                lambda r: (
                    f"votre compte ne permet de charger que les données "
                    f"{french.of(name(editor_partner))} "
                    f"(cette ligne concerne {french.the(name(row_partner(r)))})."
                ),
            )
        )
    if kind == OBSERVATIONS:
        info = catalog.indicator_info
        rules += [
            RowRule(
                "periode_inversee",
                "fin",
                lambda r: r["fin"] is None or r["fin"] >= r["debut"],
                lambda r: (
                    f"la fin de période ({_fr_date(r['fin'])}) précède son début "
                    f"({_fr_date(r['debut'])})."
                ),
            ),
            RowRule(
                "partenaire_indicateur",
                "partenaire",
                lambda r: (
                    r["partenaire"] is None or r["partenaire"] == info[r["indicateur"]].partner
                ),
                lambda r: (
                    f"l'indicateur « {r['indicateur']} » appartient "
                    f"{french.to(name(info[r['indicateur']].partner))}, "
                    f"pas {french.to(name(r['partenaire']))}."
                ),
            ),
            RowRule(
                "territoire_partenaire",
                "territoire",
                lambda r: (
                    r["territoire"] is None
                    or catalog.territory_partner.get(r["territoire"])
                    in (None, info[r["indicateur"]].partner)
                ),
                lambda r: (
                    f"le territoire {r['territoire']} "
                    f"({catalog.territories.labels[r['territoire']]}) n'appartient pas à "
                    f"{name(info[r['indicateur']].partner)}."
                ),
            ),
        ]
        for column, breakdown in (
            ("territoire", "territoire"),
            ("profil", "profil"),
            ("canal", "canal"),
            ("tranche_age", "tranche_age"),
        ):
            label = "territoire" if breakdown == "territoire" else DIMENSION_NAMES[breakdown]
            rules.append(
                RowRule(
                    f"ventilation_{column}",
                    column,
                    lambda r, c=column, b=breakdown: (
                        r[c] is None or b in info[r["indicateur"]].breakdowns
                    ),
                    lambda r, lab=label: (
                        f"l'indicateur « {r['indicateur']} » ne se ventile pas par {lab} : "
                        "laissez cette cellule vide."
                    ),
                )
            )
    else:
        rules.append(
            RowRule(
                "action_partenaire",
                "action",
                lambda r: (
                    r["action"] is None or catalog.action_info[r["action"]][1] == r["partenaire"]
                ),
                lambda r: (
                    f"l'action « {r['action']} » est une action "
                    f"{french.of(name(catalog.action_info[r['action']][1]))}, "
                    f"pas {french.of(name(r['partenaire']))}."
                ),
            )
        )
    if kind == EVENTS:
        rules.append(
            RowRule(
                "territoire_partenaire",
                "territoire",
                lambda r: (
                    r["territoire"] is None
                    or catalog.territory_partner.get(r["territoire"]) in (None, r["partenaire"])
                ),
                lambda r: (
                    f"le territoire {r['territoire']} "
                    f"({catalog.territories.labels[r['territoire']]}) n'appartient pas à "
                    f"{name(r['partenaire'])}."
                ),
            )
        )
    if kind == OUTCOMES:
        rules.append(
            RowRule(
                "statut_type",
                "statut",
                lambda r: r["statut"] is None or r["statut"] in STATUSES_BY_KIND[r["type"]],
                lambda r: (
                    f"le statut « {r['statut']} » ne s'applique pas à un résultat de type "
                    f"« {r['type']} » (attendu : {', '.join(STATUSES_BY_KIND[r['type']])})."
                ),
            )
        )
    return rules


def _involved(rule: str, kind: str) -> tuple[str, ...]:
    """The cells a row check reads."""
    if rule == "droits":
        return ("indicateur",) if kind == OBSERVATIONS else ("partenaire",)
    if rule.startswith("ventilation_"):
        return (rule.removeprefix("ventilation_"), "indicateur")
    return {
        "periode_inversee": ("debut", "fin"),
        "partenaire_indicateur": ("partenaire", "indicateur"),
        "territoire_partenaire": (
            "territoire",
            "indicateur" if kind == OBSERVATIONS else "partenaire",
        ),
        "action_partenaire": ("action", "partenaire"),
        "statut_type": ("statut", "type"),
    }[rule]


NATURAL_KEYS = {
    OBSERVATIONS: (
        ("indicateur", "debut", "fin", "territoire", "profil", "canal", "tranche_age"),
        "même indicateur, même période et même ventilation",
    ),
    EVENTS: (("partenaire", "date", "titre"), "même partenaire, même date et même titre"),
    OUTCOMES: (("partenaire", "type", "titre"), "même partenaire, même type et même titre"),
}


def _row_pass(
    typed: pd.DataFrame,
    kind: str,
    layout: _Layout,
    catalog: Catalog,
    editor_partner: str | None,
    report: Report,
    bad_cells: dict[int, set[str]],
) -> dict[int, dict]:
    """Check each row of a chunk as a whole; return the chunk's records by line."""
    rules = _row_rules(kind, catalog, editor_partner)

    if kind == OBSERVATIONS:
        typed = typed.assign(
            fin=[
                f if f is not None else d for f, d in zip(typed["fin"], typed["debut"], strict=True)
            ]
        )
    records = dict(zip(typed.index, typed.to_dict("records"), strict=True))

    def wide(rule: RowRule) -> pa.Check:
        involved = set(_involved(rule.name, kind))
        predicate = rule.predicate

        def passes(df: pd.DataFrame) -> pd.Series:
            # A row check runs only where the cells it reads passed the cell checks.
            return pd.Series(
                [
                    True
                    if line in bad_cells and bad_cells[line] & involved
                    else predicate(records[line])
                    for line in df.index
                ],
                index=df.index,
            )

        return pa.Check(passes, name=rule.name)

    if not rules:
        return records
    schema = pa.DataFrameSchema(checks=[wide(rule) for rule in rules], name="lignes")
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        by_name = {rule.name: rule for rule in rules}
        seen: set[tuple[str, int]] = set()
        for failure in errors.failure_cases.to_dict("records"):
            if pd.isna(failure["index"]) or failure["check"] not in by_name:
                continue
            line, check = int(failure["index"]), failure["check"]
            if (check, line) in seen:
                continue
            seen.add((check, line))
            rule = by_name[check]
            column = rule.column if rule.column in layout.positions else ""
            report.add(
                Problem(
                    line,
                    layout.positions.get(column, -1),
                    layout.headers.get(column, ""),
                    rule.message(records[line]),
                )
            )
    return records


class _Duplicates:
    """Natural keys seen across the whole file, as 128-bit hashes with their line numbers.

    24 bytes a row (a million rows: 24 Mo) instead of the row's cells; a collision between two
    different keys has a probability of about n² / 2¹²⁹, nil in practice.
    """

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._lines: list[np.ndarray] = []

    def add(self, keys: Iterable[tuple[int, tuple]]) -> None:
        lines, digests = [], bytearray()
        for line, key in keys:
            lines.append(line)
            digests += hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
        if lines:
            self._hashes.append(np.frombuffer(bytes(digests), dtype="<u8").reshape(-1, 2))
            self._lines.append(np.asarray(lines, dtype=np.int64))

    def repeated(self) -> Iterable[tuple[int, int]]:
        """(line, first line with the same key) for every row that repeats an earlier one."""
        if not self._lines:
            return []
        hashes, lines = np.concatenate(self._hashes), np.concatenate(self._lines)
        self._hashes, self._lines = [], []
        order = np.lexsort((lines, hashes[:, 1], hashes[:, 0]))
        hashes, lines = hashes[order], lines[order]
        same = np.all(hashes[1:] == hashes[:-1], axis=1)
        if not same.any():
            return []
        starts = np.where(np.concatenate(([True], ~same)), np.arange(len(lines)), 0)
        first = lines[np.maximum.accumulate(starts)]
        repeated = np.flatnonzero(np.concatenate(([False], same)))
        return zip(lines[repeated].tolist(), first[repeated].tolist(), strict=True)


def _output_row(kind: str, row: dict, line: int, catalog: Catalog) -> dict:
    """A valid row as the loader wants it: codes, ids and '' for empty breakdowns."""

    def text(key: str) -> str:
        return row.get(key) or ""

    if kind == OBSERVATIONS:
        info = catalog.indicator_info[row["indicateur"]]
        return {
            "line": line,
            "indicator_code": info.code,
            "partner": info.partner,
            "action_id": info.action_id,
            "period_start": row["debut"],
            "period_end": row["fin"] or row["debut"],
            "territory_code": text("territoire"),
            "profile": text("profil"),
            "channel": text("canal"),
            "age_band": text("tranche_age"),
            "value": float(row["valeur"]),
        }
    action_id = catalog.action_info[row["action"]][0] if row.get("action") else None
    if kind == EVENTS:
        attendance = {
            key[len(ATTENDANCE_PREFIX) :]: int(value)
            for key, value in row.items()
            if key.startswith(ATTENDANCE_PREFIX) and value is not None
        }
        return {
            "line": line,
            "partner": row["partenaire"],
            "action_id": action_id,
            "kind": row["type"],
            "title": row["titre"],
            "event_date": row["date"],
            "place": text("lieu"),
            "territory_code": text("territoire"),
            "channel": text("canal"),
            "outcomes": text("resultats"),
            "attendance": attendance,
        }
    return {
        "line": line,
        "partner": row["partenaire"],
        "action_id": action_id,
        "kind": row["type"],
        "title": row["titre"],
        "description": text("description"),
        "status": text("statut"),
        "practice_type": text("type_pratique"),
        "outcome_date": row.get("date"),
    }


class ChunkValidator:
    """Validation of a file a chunk of rows at a time; rules across the whole file (duplicates
    of a natural key) are settled by `finish`.

    Valid typed rows go to `report.rows` as long as the file has no problem; at the first
    problem they are dropped, and only problems are collected from then on.
    """

    def __init__(
        self,
        headers: list[str],
        kind: str,
        catalog: Catalog,
        n_rows: int,
        *,
        editor_partner: str | None = None,
        rows: list | None = None,
        keep: int = REPORT_PROBLEMS,
    ) -> None:
        self.kind, self.catalog, self.editor_partner = kind, catalog, editor_partner
        self.report = Report(kind=kind, n_rows=n_rows, keep=keep)
        if rows is not None:
            self.report.rows = rows
        self.width = len(headers)
        self.layout = _map_headers(headers, kind_columns(kind, catalog), self.report)
        self.duplicates = _Duplicates()
        if self.layout is not None and not n_rows:
            self.report.add(
                Problem(0, -1, "", "Le fichier ne contient aucune ligne de données sous l'en-tête.")
            )

    @property
    def useful(self) -> bool:
        """Whether reading the rows can tell anything more (the header line is usable)."""
        return self.layout is not None

    def check(self, rows: list[Row]) -> None:
        if self.layout is None or not rows:
            return
        report, layout, catalog = self.report, self.layout, self.catalog
        frame = _frame(rows, self.width, layout, report)
        bad_cells = _cell_pass(frame, layout, catalog, report)
        typed = _typed_rows(frame, layout, catalog)
        records = _row_pass(
            typed, self.kind, layout, catalog, self.editor_partner, report, bad_cells
        )
        key_columns, _ = NATURAL_KEYS[self.kind]
        wanted = set(key_columns)
        # An unreadable key is nobody's duplicate.
        self.duplicates.add(
            (line, tuple("" if record[c] is None else record[c] for c in key_columns))
            for line, record in records.items()
            if not (bad_cells.get(line, set()) & wanted)
        )
        if report.problem_count:
            if report.rows:
                report.rows.clear()
            return
        report.rows.extend(
            _output_row(self.kind, record, line, catalog) for line, record in records.items()
        )

    def finish(self) -> Report:
        _, key_words = NATURAL_KEYS[self.kind]
        for line, first in self.duplicates.repeated():
            self.report.add(
                Problem(
                    line,
                    -1,
                    "",
                    f"cette ligne répète la ligne {first} ({key_words}) : chaque donnée ne "
                    "doit figurer qu'une fois dans le fichier.",
                )
            )
        if self.report.problem_count and self.report.rows:
            self.report.rows.clear()
        self.report.kept()
        return self.report


def validate(
    table: RawTable, kind: str, catalog: Catalog, editor_partner: str | None = None
) -> Report:
    """Every problem of a table held in memory; `rows` is filled only when there is none.

    `editor_partner`: the only partner the person loading may write for (None: any partner).
    """
    validator = ChunkValidator(
        table.headers, kind, catalog, len(table.rows), editor_partner=editor_partner
    )
    validator.check(table.rows)
    return validator.finish()


SUPPORTED_KINDS = (OBSERVATIONS, EVENTS, OUTCOMES)
