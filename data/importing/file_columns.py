"""A file's header line matched to the columns its kind expects, and a chunk of its rows read into
a frame by those columns.

The first step of checking a file (`data.importing.validation`), apart from the cell and row
checks that then read the frame by the columns' canonical keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from data.importing.kinds import ColumnSpec
from data.importing.parsing import clean_text, header_key
from data.importing.problems import Problem, Report
from data.importing.reading import Row


@dataclass
class Layout:
    specs: dict[str, ColumnSpec]
    positions: dict[str, int]  # canonical key -> index of the column in the file
    headers: dict[str, str]  # canonical key -> the file's own header text


def map_headers(headers: list[str], specs: list[ColumnSpec], report: Report) -> Layout | None:
    by_key = {}
    for spec in specs:
        for key in spec.header_keys():
            by_key.setdefault(key, spec)
    layout = Layout({s.key: s for s in specs}, {}, {})
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


def chunk_frame(rows: list[Row], width: int, layout: Layout, report: Report) -> pd.DataFrame:
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
