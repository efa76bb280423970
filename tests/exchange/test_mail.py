"""Desktop hand-over: mail composition is offered only where Simple MAPI exists."""

from __future__ import annotations

import sys

from k360desk.io import mail


def test_no_mail_program_outside_windows(tmp_path):
    if sys.platform == "win32":
        return
    assert mail.can_compose_mail() is False
    assert mail.compose_mail(tmp_path / "x.k360", "Betreff") is False


def test_subject_names_municipality_and_file():
    assert mail.default_subject("Musterstadt", "musterstadt.k360") == \
        "Projektdatei Musterstadt: musterstadt.k360"
