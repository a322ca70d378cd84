"""Essonne's cantons in the territory list, so that data by canton can be loaded

No column changes: a row is by canton when its territory is a canton (`territory.level`, a
four-digit INSEE code, 9101 to 9121; see data/reference.py). A store made before has Essonne's
communes only; this adds the 21 cantons (code, name, population) to it, leaving every other row
as it was. A store without the reference data yet gets them with the rest, from
data/reference.py, when it is first filled.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As this revision added them (data/reference.py's ESSONNE_CANTONS at the time): (code, name,
# population).
CANTONS = [
    ("9101", "Canton d'Arpajon", 61_995),
    ("9102", "Canton d'Athis-Mons", 58_471),
    ("9103", "Canton de Brétigny-sur-Orge", 62_534),
    ("9104", "Canton de Corbeil-Essonnes", 64_961),
    ("9105", "Canton de Dourdan", 66_153),
    ("9106", "Canton de Draveil", 58_528),
    ("9107", "Canton d'Épinay-sous-Sénart", 65_262),
    ("9108", "Canton d'Étampes", 63_430),
    ("9109", "Canton d'Évry", 67_967),
    ("9110", "Canton de Gif-sur-Yvette", 63_681),
    ("9111", "Canton de Longjumeau", 67_850),
    ("9112", "Canton de Massy", 71_014),
    ("9113", "Canton de Mennecy", 66_812),
    ("9114", "Canton de Palaiseau", 61_987),
    ("9115", "Canton de Ris-Orangis", 60_651),
    ("9116", "Canton de Sainte-Geneviève-des-Bois", 68_660),
    ("9117", "Canton de Savigny-sur-Orge", 57_732),
    ("9118", "Canton des Ulis", 54_056),
    ("9119", "Canton de Vigneux-sur-Seine", 52_692),
    ("9120", "Canton de Viry-Châtillon", 59_830),
    ("9121", "Canton d'Yerres", 41_864),
]

territory = sa.table(
    "territory",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("level", sa.String),
    sa.column("partner_id", sa.Integer),
    sa.column("population", sa.Integer),
)
store_info = sa.table("store_info", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    connection = op.get_bind()
    partner = connection.execute(
        sa.text("SELECT id FROM partner WHERE slug = 'essonne'")
    ).scalar_one_or_none()
    if partner is None:
        return  # an empty store: the reference data, cantons included, come when it is filled
    known = set(connection.execute(sa.select(territory.c.code)).scalars())
    rows = [
        {"code": code, "name": name, "level": "canton", "partner_id": partner, "population": pop}
        for code, name, pop in CANTONS
        if code not in known
    ]
    if rows:
        op.bulk_insert(territory, rows)
        # The territory lists are cached per data version: a new version, a fresh list.
        connection.execute(
            store_info.update()
            .where(store_info.c.key == "data_version")
            .values(value=sa.cast(sa.cast(store_info.c.value, sa.Integer) + 1, sa.Text))
        )


def downgrade() -> None:
    # Rows by canton would lose their territory: refuse rather than orphan them.
    connection = op.get_bind()
    codes = [code for code, _name, _pop in CANTONS]
    for table in ("observation", "event"):
        used = connection.execute(
            sa.text(f"SELECT COUNT(*) FROM {table} WHERE territory_code IN :codes").bindparams(
                sa.bindparam("codes", expanding=True)
            ),
            {"codes": codes},
        ).scalar_one()
        if used:
            raise RuntimeError(
                f"{used} lignes de la table {table} sont données par canton : retirez-les "
                "avant de revenir en arrière."
            )
    connection.execute(territory.delete().where(territory.c.code.in_(codes)))
