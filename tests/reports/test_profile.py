"""District profiles: real text, two pages, embedded fonts, not blank, disclosure, escaping."""

from __future__ import annotations

import math

from shapely.geometry import box

from tests.reports.conftest import embedded_fonts, ink_fraction, pdf_text

HOSTILE = "Kinder & Jugend <Süd> e.V."


def test_profile_has_real_german_text_two_pages_and_embedded_fonts(demo, tmp_path):
    from k360desk.export.pdf.profile import write_profile

    out = tmp_path / "profil.pdf"
    write_profile(demo, "0103", out)
    pages = pdf_text(out)
    assert len(pages) == 2
    first = pages[0]
    assert "Bahnhofsviertel" in first and "Quartier 0103" in first
    assert "Übergangsquote Gymnasium" in first and "Einwohnerinnen und Einwohner" in first
    assert "Seite 1 von 2" in first and "Seite 2 von 2" in pages[1]
    assert "Einrichtungen nach Art" in pages[1] and "Einschätzungen der Träger" in pages[1]
    assert "Sozialindex 2024: Status" in first
    fonts = embedded_fonts(out)
    assert any(f.endswith("DejaVuSans") for f in fonts) and any("Bold" in f for f in fonts), fonts
    assert ink_fraction(out, 0) > 0.02 and ink_fraction(out, 1) > 0.02


def test_suppressed_value_never_appears_as_number(small_project, tmp_path):
    from k360desk.export.pdf.profile import write_profile
    from k360desk.export.pdf.profile_data import ProfileData

    template = {
        "indicators": ["einwohner", "arbeitslose", "alo_quote"],
        "charts": ["alo_quote"],
        "periods": 3,
    }
    districts = small_project.districts_frame()
    target = int(districts.index[districts["code"] == "22"][0])
    data = ProfileData.load(small_project, [target], template=template)
    figures = {f.key: f for f in data.profile(target).figures}
    assert figures["arbeitslose"].suppressed and math.isnan(figures["arbeitslose"].value)
    assert figures["alo_quote"].suppressed and math.isnan(figures["alo_quote"].value)
    out = tmp_path / "geheim.pdf"
    write_profile(small_project, "22", out, template=template)
    text = "\n".join(pdf_text(out))
    # issue 19: the official sign "." for secret, explained in the Zeichenerklärung
    assert "Zeichenerklärung: . = geheim gehalten (Fallzahl unter 3" in " ".join(text.split())
    # 2 unemployed of 250 inhabitants: neither the count row nor the quote 0,8 may be printed.
    lines = text.splitlines()
    for name in ("Arbeitslose", "Arbeitslosenquote"):
        at = lines.index(name)
        assert lines[at + 2] == ".", lines[at : at + 4]
    # what follows from a withheld value is withheld too; a count has no deviation at all
    at = lines.index("Arbeitslosenquote")
    assert lines[at + 4 : at + 7] == [".", ".", "."], lines[at : at + 7]  # deviation, trend, class
    at = lines.index("Arbeitslose")
    assert lines[at + 4] == "x", lines[at : at + 7]  # name, unit, value
    assert "0,7" not in text and "0,8" not in text  # 2 of 250–275 inhabitants


def test_hostile_names_are_escaped(small_project, tmp_path):
    from k360desk.export.pdf.atlas import write_atlas
    from k360desk.export.pdf.profile import write_profile
    from k360desk.projectfile import District, Facility, FacilityType, Provider

    districts = small_project.districts_frame()
    level = int(districts["level_id"].max())
    new = small_project.add(District(code="99", name=HOSTILE, level_id=level, geom=box(0, 3000, 500, 3500)))
    provider = small_project.add(Provider(name=HOSTILE, contact_person="<b>Frau</b> Müller"))
    kind = small_project.add(FacilityType(name="Treff & Café"))
    small_project.add(
        Facility(
            name=f"Haus {HOSTILE}", provider_id=provider, type_id=kind, district_id=new, street="Straße <1>"
        )
    )
    out = tmp_path / "profil.pdf"
    write_profile(small_project, "99", out)
    text = "\n".join(pdf_text(out))
    assert HOSTILE in text and f"Haus {HOSTILE}" in text
    atlas = tmp_path / "atlas.pdf"
    write_atlas(small_project, atlas)
    text = "\n".join(pdf_text(atlas))
    assert HOSTILE in text and "<b>Frau</b> Müller" in text and "Treff & Café" in text


def test_profile_template_roundtrip_and_unknown_keys(small_project):
    import pytest

    from k360desk.models import profiles
    from k360desk.projectfile import ProjectError

    default = profiles.load_template(small_project)
    assert "alo_quote" in default["indicators"]
    profiles.save_template(small_project, "Kurz", {"indicators": ["alo_quote"], "charts": ["alo_quote"]})
    assert profiles.load_template(small_project, "Kurz")["indicators"] == ["alo_quote"]
    with pytest.raises(ProjectError, match="gibtsnicht"):
        profiles.save_template(small_project, "Kaputt", {"indicators": ["gibtsnicht"]})


def test_logo_from_assets_is_drawn_on_every_page(small_project, tmp_path):
    import io

    from PIL import Image
    from pypdf import PdfReader

    from k360desk.export.pdf.profile import write_profile

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (30, 60, 120)).save(buffer, format="PNG")
    small_project.execute_link("assets", [{"name": "logo", "mime": "image/png", "data": buffer.getvalue()}])
    out = tmp_path / "logo.pdf"
    write_profile(small_project, "11", out)
    for page in PdfReader(str(out)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        kinds = {str(x.get_object().get("/Subtype")) for x in xobjects.values()}
        assert "/Image" in kinds


def test_incomplete_city_reference_is_marked(small_project, tmp_path):
    """A year in which one Quartier has no value: the city value is flagged, not silently low."""
    from k360desk.export.pdf.profile import write_profile
    from k360desk.projectfile import District, Indicator

    pop = small_project.find(Indicator, key="einwohner").id
    missing = small_project.find(District, code="13").id
    small_project.delete_values([(pop, missing, 2023)])
    template = {"indicators": ["einwohner"], "charts": ["einwohner"], "periods": 2}
    out = tmp_path / "unvollstaendig.pdf"
    write_profile(small_project, "12", out, template=template)
    text = "\n".join(pdf_text(out))
    assert "(u)" in text and "Gesamtstadtwert unvollständig" in text


def _logo_pdf(small_project, tmp_path, size):
    import io

    from PIL import Image
    from pypdf import PdfReader

    from k360desk.export.pdf.profile import write_profile

    buffer = io.BytesIO()
    Image.new("1", size, 1).save(buffer, format="PNG")  # small file, many pixels
    small_project.execute_link("assets", [{"name": "logo", "mime": "image/png", "data": buffer.getvalue()}])
    out = tmp_path / "logo.pdf"
    write_profile(small_project, "11", out)
    widths = []
    for page in PdfReader(str(out)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        widths += [int(x.get_object()["/Width"]) for x in xobjects.values()
                   if str(x.get_object().get("/Subtype")) == "/Image"]
    return widths


def test_a_huge_logo_is_scaled_down_before_it_reaches_the_pdf(small_project, tmp_path):
    """#20: a logo of 36 megapixels cost gigabytes per PDF; it is drawn from a small copy."""
    widths = _logo_pdf(small_project, tmp_path, (6000, 6000))
    assert widths and max(widths) <= 1000


def test_a_logo_too_large_to_decode_safely_is_left_out(small_project, tmp_path):
    widths = _logo_pdf(small_project, tmp_path, (9000, 9000))
    assert widths == []  # the report is still written, with the text header instead
