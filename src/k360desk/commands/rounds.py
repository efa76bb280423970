"""Sub-commands for funding rounds: ``round list``, ``round ranking``, ``round allocate``."""

from __future__ import annotations

import argparse

from k360desk.cli import CommandError
from k360desk.commands.common import open_project
from k360desk.messages import tr


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``round`` with list, ranking and allocate."""
    p = sub.add_parser(
        "round",
        help="Förderrunden: Übersicht, Rangliste, Vergabe",
        description="Förderrunden auswerten: Rangliste und Vergabevorschlag.",
    )
    rsub = p.add_subparsers(dest="round_command", metavar="AKTION", required=True, parser_class=type(p))
    from k360desk.commands.round_after import add_output_parsers, add_parsers
    from k360desk.commands.round_books import add_book_parsers
    from k360desk.commands.round_grants import add_new_parser
    from k360desk.commands.round_grants import add_parsers as add_grant_parsers

    add_parsers(rsub)
    add_output_parsers(rsub)
    add_book_parsers(rsub)
    add_grant_parsers(rsub)
    add_new_parser(rsub)

    q = rsub.add_parser(
        "list",
        help="alle Förderrunden auflisten",
        description="Listet alle Förderrunden mit Status, Budget und Anträgen.",
    )
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.set_defaults(func=_list)

    q = rsub.add_parser(
        "ranking",
        aliases=["rank"],
        help="Rangliste einer Runde",
        description="Rangliste mit Punktzahl, Bedarf, Gleichstandsregeln und Vergabevorschlag.",
    )
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("round", metavar="RUNDE", help="Nummer oder Name der Förderrunde")
    q.add_argument("-o", "--output", metavar="CSV", help="Rangliste als CSV für Excel schreiben")
    _rule_arguments(q)
    q.set_defaults(func=_ranking)

    q = rsub.add_parser(
        "allocate",
        help="Vergabevorschlag (Probelauf) oder Beschluss festhalten",
        description="Verteilt das Budget je Jahr in Rangfolge. Ohne --final ist es "
        "ein Probelauf, der nichts ändert; mit --final --meeting wird "
        "der Beschluss gespeichert (Bewilligungen werden Jahresraten).",
    )
    _allocate_arguments(q)
    q = rsub.add_parser(
        "decide",
        help="Beschluss festhalten (wie allocate --final)",
        description="Hält den Beschluss einer Sitzung (--meeting) oder der Verwaltung (ohne "
        "--meeting) über die Anträge fest, die ihr die Entscheidungsregeln zuweisen.",
    )
    _allocate_arguments(q)
    q.set_defaults(final=True)


def _allocate_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument("file", metavar="PROJEKT", help="Projektdatei (.k360)")
    q.add_argument("round", metavar="RUNDE", help="Nummer oder Name der Förderrunde")
    _rule_arguments(q)
    q.add_argument("--final", action="store_true", help="als Beschluss festhalten")
    q.add_argument("--meeting", type=int, metavar="ID",
                   help="Nummer der beschließenden Sitzung; ohne: Entscheidung der Verwaltung "
                   "über die Anträge, die ihr die Entscheidungsregeln zuweisen")
    q.add_argument("--date", metavar="JJJJ-MM-TT", help="Datum des Beschlusses (Standard: Sitzungsdatum)")
    q.add_argument("--accept-missing-scores", metavar="BEGRÜNDUNG",
                   help="Beschluss trotz fehlender Bewertungen einzelner Bewerter (wird protokolliert)")
    q.add_argument("--over-commitment", metavar="BEGRÜNDUNG",
                   help="Überschreitung des Budgets ausdrücklich erklären (wird protokolliert)")
    q.add_argument("-o", "--output", metavar="CSV", help="Beträge je Antrag und Jahr als CSV schreiben")
    q.set_defaults(func=_allocate)


def _rule_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--rule",
        choices=["full", "partial"],
        help="Vergaberegel: full = nur Vollförderung in Rangfolge, partial = Teilförderung "
        "bis zum Mindestanteil (Standard: Regel der Runde)",
    )
    q.add_argument(
        "--min-share",
        type=_share,
        metavar="ANTEIL",
        help="Mindestanteil bei Teilförderung, z. B. 0,5 oder 50 %% (Standard: 0,5)",
    )


def _share(text: str) -> float:
    """0,5 or 50 % → 0.5; a bare number above 1 is refused, never silently read as per cent."""
    from k360desk.formats import parse_number

    percent = "%" in text
    try:
        value = parse_number(text.replace("%", "").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(tr("„{text}“ ist kein Anteil", text=text)) from None
    if percent:
        value = value / 100
    elif value > 1:
        raise argparse.ArgumentTypeError(tr(
            "„{text}“ ist mehrdeutig: Anteil zwischen 0 und 1 (z. B. 0,5) oder in Prozent mit "
            "%-Zeichen (z. B. 50 %) angeben", text=text))
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(tr("der Anteil muss zwischen 0 und 100 % liegen"))
    return value


def _find(project, key: str):
    from k360desk.models.rounds import RoundError, find_round

    try:
        return find_round(project, key)
    except RoundError as exc:
        raise CommandError(str(exc)) from exc


def _list(args: argparse.Namespace) -> int:
    from k360desk.models.rounds import rounds_frame

    project = open_project(args.file, read_only=True)
    try:
        frame = rounds_frame(project)
    finally:
        project.close()
    if frame.empty:
        print("Keine Förderrunden im Projekt.")
        return 0
    rows = [
        [
            str(r.id),
            r.name,
            r.programme or "–",
            f"{r.first_year}–{r.last_year}",
            r.status_label,
            money(r.budget),
            str(r.applications),
            money(r.awarded),
        ]
        for r in frame.itertuples(index=False)
    ]
    print_table(
        ["Nr.", "Förderrunde", "Programm", "Zeitraum", "Status", "Budget", "Anträge", "bewilligt"],
        rows,
        right={0, 5, 6, 7},
    )
    return 0


def _compute(project, rnd, args):
    from k360desk.figures.rounds import ranking_for_round

    try:
        return ranking_for_round(project, rnd.id, rule=args.rule, min_share=args.min_share)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _ranking(args: argparse.Namespace) -> int:

    project = open_project(args.file, read_only=True)
    try:
        rnd = _find(project, args.round)
        ranking, _, budget, trace = _compute(project, rnd, args)
    finally:
        project.close()
    print(f"Rangliste „{rnd.name}“ – Vergaberegel: {trace.parameters.get('rule_label', '')}")
    rows = [
        [
            "–" if r.rank is None or str(r.rank) == "<NA>" else str(r.rank),
            r.title,
            r.provider or "–",
            number(r.total, 1),
            number(r.need, 1),
            money(r.requested),
            money(r.proposed),
            r.outcome_label,
        ]
        for r in ranking.itertuples(index=False)
    ]
    print_table(
        ["Rang", "Antrag", "Träger", "Punkte", "Bedarf", "beantragt", "Vorschlag", "Ergebnis"],
        rows,
        right={0, 3, 4, 5, 6},
    )
    _print_notes(ranking, trace)
    if args.output:
        _write_ranking_csv(ranking, args.output)
        print(f"Rangliste geschrieben: {args.output}")
    return 0


def _print_notes(ranking, trace) -> None:
    ties = [r for r in ranking.itertuples(index=False) if r.tie]
    if ties:
        print("\nGleichstände:")
        for r in ties:
            print(f"  {r.title}: {r.tie}")
    unfunded = [
        r
        for r in ranking.itertuples(index=False)
        if r.eligible and r.outcome in ("not_funded", "partial", "override")
    ]
    if unfunded:
        print("\nVergabevorschlag:")
        for r in unfunded:
            print(f"  {r.title}: {r.reason}")
    blocked = [r for r in ranking.itertuples(index=False) if not r.eligible]
    if blocked:
        print("\nNicht förderfähig:")
        for r in blocked:
            print(f"  {r.title}: {r.reasons}")
    incomplete = [r for r in ranking.itertuples(index=False) if r.missing]
    if incomplete:
        print("\nUnvollständig bewertet (fehlende Kriterien zählen 0 Punkte; Rang hinter den "
              "vollständigen; Beschluss erst, wenn alle förderfähigen vollständig sind):")
        for r in incomplete:
            print(f"  {r.title}: es fehlt {r.missing}")
    late = [r for r in ranking.itertuples(index=False) if r.late]
    if late:
        print("\nVerspätet eingegangen:")
        for r in late:
            print(f"  {r.title}: {r.late}")
    unscored = [r for r in ranking.itertuples(index=False) if r.unscored]
    if unscored:
        print("\nBewertung fehlt (Mittel nur aus den vorhandenen Bewertungen; Beschluss nur mit "
              "--accept-missing-scores BEGRÜNDUNG):")
        for r in unscored:
            print(f"  {r.title}: {r.unscored}")
    abstained = [r for r in ranking.itertuples(index=False) if r.abstained]
    if abstained:
        print("\nEnthaltungen:")
        for r in abstained:
            print(f"  {r.title}: {r.abstained}")
    print(f"\nReihenfolge bei Gleichstand: {trace.parameters['tie_break']}.")
    if trace.parameters.get("need_source"):
        print(trace.parameters["need_source"])


def _write_ranking_csv(ranking, path: str) -> None:
    from k360desk.io.spreadsheet import write_csv

    columns = {
        "rank": "Rang",
        "title": "Antrag",
        "provider": "Träger",
        "umbrella": "Spitzenverband",
        "topic": "Handlungsfeld",
        "total": "Punkte (0–100)",
        "need": "Bedarf (0–100)",
        "requested": "beantragt (€)",
        "proposed": "Vorschlag (€)",
        "share": "Anteil",
        "outcome_label": "Ergebnis",
        "reason": "Begründung",
        "tie": "Gleichstand",
        "eligible": "förderfähig",
        "reasons": "Prüfhinweise",
        "missing": "fehlende Kriterien",
    }
    frame = ranking[list(columns)].rename(columns=columns).astype(object)
    frame = frame.where(frame.notna(), None)
    try:
        write_csv(
            frame,
            path,
            decimals={
                "Punkte (0–100)": 1,
                "Bedarf (0–100)": 1,
                "beantragt (€)": 2,
                "Vorschlag (€)": 2,
                "Anteil": 3,
            },
        )
    except OSError as exc:
        raise CommandError(f"CSV-Datei „{path}“ lässt sich nicht schreiben: {exc.strerror}.") from exc


def _allocate(args: argparse.Namespace) -> int:
    from k360desk.models.rounds import RoundError, record_decision

    if args.meeting is not None and not args.final:
        raise CommandError("--meeting gilt nur mit --final (Beschluss festhalten).")
    project = open_project(args.file, read_only=not args.final)
    try:
        rnd = _find(project, args.round)
        ranking, amounts, budget, trace = _compute(project, rnd, args)
        _print_allocation(project, rnd, ranking, amounts, budget, trace)
        if args.output:
            _write_amounts_csv(amounts, args.output)
        if args.final:
            from datetime import date

            decided_on = args.date or (None if args.meeting is not None else date.today().isoformat())
            try:
                record_decision(project, rnd.id, amounts, ranking, args.meeting, decided_on=decided_on,
                                over_commitment=args.over_commitment or "",
                                accept_missing=args.accept_missing_scores or "")
            except RoundError as exc:
                hint = " Über Gremien entscheidet eine Sitzung: --meeting ID angeben." \
                    if args.meeting is None else ""
                raise CommandError(str(exc) + hint) from exc
            project.save()
            _print_after_decision(project, rnd.id, args.meeting)
        elif rnd.status not in ("decided", "closed"):
            print("\nProbelauf: nichts wurde geändert. Mit --final --meeting ID als Beschluss festhalten.")
    finally:
        project.close()
    return 0


def _state_label(project, rnd) -> str:
    """"Beschluss", "teilweise beschlossen" or "Probelauf" for the heading."""
    from k360desk.models.decisions import already_decided

    if rnd.status in ("decided", "closed"):
        return "Beschluss"
    return "teilweise beschlossen" if already_decided(project, rnd.id) else "Probelauf"


def _print_allocation(project, rnd, ranking, amounts, budget, trace) -> None:
    years = sorted(amounts["year"].unique().tolist())
    rows = []
    for r in ranking.itertuples(index=False):
        mine = amounts[amounts["application_id"] == r.application_id].set_index("year")
        cells = [money(mine["proposed"].get(y)) if y in mine.index else "" for y in years]
        rows.append([r.title, *cells, money(r.proposed), r.outcome_label])
    print(f"Vergabe „{rnd.name}“ ({_state_label(project, rnd)}) – {trace.parameters.get('rule_label', '')}")
    print_table(["Antrag", *map(str, years), "Summe", "Ergebnis"], rows, right=set(range(1, len(years) + 2)))
    print("\nBudget je Jahr:")
    print_table(
        ["Jahr", "Budget", "früher gebunden", "manuell", "vergeben", "frei"],
        [[str(b.year), money(b.budget), money(b.committed), money(b.overrides), money(b.allocated),
          money(b.remaining)] for b in budget.itertuples(index=False)],
        right={0, 1, 2, 3, 4, 5},
    )
    for r in ranking.itertuples(index=False):
        if r.outcome in ("not_funded", "partial", "override"):
            print(f"  {r.title}: {r.reason}")


def _write_amounts_csv(amounts, path: str) -> None:
    from k360desk.io.spreadsheet import write_csv

    out = amounts.rename(columns={"title": "Antrag", "year": "Jahr", "requested": "beantragt (€)",
                                  "proposed": "Vorschlag (€)", "override_reason": "Begründung Änderung"})
    try:
        write_csv(out[["Antrag", "Jahr", "beantragt (€)", "Vorschlag (€)", "Begründung Änderung"]], path,
                  decimals={"beantragt (€)": 2, "Vorschlag (€)": 2})
    except OSError as exc:
        raise CommandError(f"CSV-Datei „{path}“ lässt sich nicht schreiben: {exc.strerror}.") from exc
    print(f"Beträge geschrieben: {path}")


def _print_after_decision(project, round_id: int, meeting_id: int | None) -> None:
    from k360desk.models.decisions import ADMINISTRATION, bodies, body_name
    from k360desk.projectfile.records import FundingRound, Meeting

    meeting = project.get(Meeting, meeting_id) if meeting_id is not None else None
    who = body_name(project, meeting.committee_id if meeting is not None else ADMINISTRATION)
    print(f"Beschluss gespeichert ({who}): Bewilligungen sind jetzt Jahresraten (Verpflichtungen).")
    rnd = project.get(FundingRound, round_id)
    if rnd.status == "decided":
        print("Runde entschieden: alle Anträge sind beschlossen.")
        return
    from k360desk.figures.rounds import ranking_for_round

    ranking, amounts, _, _ = ranking_for_round(project, round_id)
    waiting = ranking[~ranking["status"].isin(("awarded", "rejected", "ineligible"))]
    owner = bodies(project, rnd.programme_id, amounts, waiting)
    names = sorted({body_name(project, b) for b in owner.values()})
    count = "1 Antrag" if len(waiting) == 1 else f"{len(waiting)} Anträge"
    print(f"Runde noch offen: {count} noch offen bei {', '.join(names) or '–'}.")


# --- console tables ----------------------------------------------------------------------


def money(value) -> str:
    """Euros without cents, German style; empty for missing values."""
    from k360desk.formats import format_money

    return "" if value is None or value != value else format_money(float(value))


def number(value, decimals: int = 1) -> str:
    """A German number; "–" for missing values."""
    from k360desk.formats import format_number

    return format_number(None if value is None or value != value else float(value), decimals)


def print_table(
    headers: list[str], rows: list[list[str]], right: set[int] = frozenset(), width: int = 38
) -> None:
    """Print a plain text table; long cells are cut to ``width`` characters."""
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cut:
        print(line(row))
