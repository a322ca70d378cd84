"""`democratic interpretations …`, run as named accounts of the store: the web's rights, the
audit trail, and one French line for what is refused (SQLite and PostgreSQL)."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from data import audit
from data.models import Interpretation
from tests.accounts import create_accounts

CODE = "paris_coordinateurs_rencontres"
EDITOR = "editeur.paris@example.org"
OTHER_EDITOR = "editeur.essonne@example.org"
MANAGER = "charge@example.org"


def _cli(engine):
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, list(args), env={"DATABASE_URL": url})

    return run


def _add(run, author: str, title: str, *options: str, date: str = "05/03/2012"):
    """`interpretations add` of Paris's CODE by `author`, on `date`."""
    return run(
        "interpretations", "add", CODE, "paris", "--as", author,
        "--date", date, "--title", title, *options,
    )  # fmt: skip


def _rows(engine) -> list[Interpretation]:
    with engine.connect() as connection:
        return list(connection.execute(select(Interpretation).order_by(Interpretation.id)))


def test_an_editor_writes_a_manager_approves_and_the_trail_says_who(demo_engine):
    create_accounts(demo_engine)
    run = _cli(demo_engine)
    added = _add(
        run, EDITOR, "Grève des transports",
        "--end", "20/03/2012", "--text", "Moins de **rencontres**.", "--visibility", "public",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    number = _rows(demo_engine)[0].id
    assert f"Interprétation n° {number} enregistrée (en attente d'approbation)." in added.output
    listed = run("interpretations", "list", "--as", EDITOR, "--status", "en_attente")
    assert f"n° {number} [paris · {CODE} · 05/03/2012 – 20/03/2012] Grève des transports" in (
        listed.output
    )
    assert "1 interprétation(s)." in listed.output

    refused = run("interpretations", "approve", str(number), "--as", EDITOR)
    assert refused.exit_code == 1
    assert "Seuls les chargés de mission approuvent" in refused.output
    assert _rows(demo_engine)[0].status == "en_attente"

    approved = run("interpretations", "approve", str(number), "--as", MANAGER)
    assert approved.exit_code == 0, approved.output
    assert _rows(demo_engine)[0].status == "publie"
    replied = run("interpretations", "reply", str(number), "--as", MANAGER, "--text", "Merci.")
    assert replied.exit_code == 0, replied.output
    assert "réponse" in run("interpretations", "list", "--as", EDITOR).output

    edited = run("interpretations", "edit", str(number), "--as", EDITOR, "--title", "Grève")
    assert edited.exit_code == 0, edited.output
    assert "(en attente d'approbation)" in edited.output  # edited: it waits again
    assert _rows(demo_engine)[0].title == "Grève"

    with demo_engine.connect() as connection:
        trail = audit.events(connection, action=audit.INTERPRETATION, page_size=None)
    gestures = sorted((e.actor, e.detail["geste"]) for e in trail)
    assert gestures == sorted(
        [
            (EDITOR, "creation"),
            (MANAGER, "approbation"),
            (MANAGER, "reponse"),
            (EDITOR, "modification"),
        ]
    )

    deleted = run("interpretations", "delete", str(number), "--as", MANAGER)
    assert deleted.exit_code == 0, deleted.output
    assert _rows(demo_engine) == []


def test_the_web_rules_apply_and_bad_input_is_one_french_line(demo_engine):
    create_accounts(demo_engine)
    run = _cli(demo_engine)
    other = _add(run, OTHER_EDITOR, "Pas chez moi")
    assert other.exit_code == 1
    assert "Erreur : Vous ne pouvez écrire d'interprétation que pour votre partenaire." in (
        other.output
    )
    cases = [
        (("--as", "personne@example.org"), "aucun compte « personne@example.org »"),
        (("--as", "pas une adresse"), "Adresse électronique invalide"),
        (("--as", EDITOR, "--title", "<script>x</script>"), "balise HTML"),
        (("--as", EDITOR, "--title", "=SOMME(A1)"), "ne peut pas commencer par « = »"),
        (("--as", EDITOR, "--title", "t" * 121), "Le titre compte 121 caractères"),
    ]
    for extra, message in cases:
        options = dict(zip(extra[::2], extra[1::2], strict=True))
        options.setdefault("--title", "Un titre")
        args = [a for pair in options.items() for a in pair]
        result = run("interpretations", "add", CODE, "paris", "--date", "05/03/2012", *args)
        assert result.exit_code == 1, (extra, result.output)
        assert message in result.output, (extra, result.output)
        assert "Traceback" not in result.output
    bad_date = _add(run, EDITOR, "x", date="31/02/2012")
    assert bad_date.exit_code == 2 and "31/02/2012" in bad_date.output
    assert _rows(demo_engine) == []  # nothing refused was written

    added = _add(run, MANAGER, "Note du programme")
    number = _rows(demo_engine)[0].id
    assert "(publiée)" in added.output
    not_author = run("interpretations", "edit", str(number), "--as", EDITOR, "--text", "x")
    assert "Seul son auteur peut modifier" in not_author.output
    not_deleted = run("interpretations", "delete", str(number), "--as", EDITOR)
    assert "Seuls son auteur et les chargés de mission" in not_deleted.output
    missing = run("interpretations", "delete", "99999", "--as", MANAGER)
    assert "Cette interprétation n'existe plus." in missing.output
    nothing = run("interpretations", "edit", str(number), "--as", MANAGER)
    assert "indiquez ce qui change" in nothing.output
    assert len(_rows(demo_engine)) == 1
