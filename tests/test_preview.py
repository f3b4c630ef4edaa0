"""`kohtaamo preview`: a self-contained play-script page a colleague can open offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import main

HERE = Path(__file__).parent / "fixtures" / "authoring"
FIXTURE = HERE / "preview.yaml"


def page(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    out = tmp_path / "script.html"
    assert main(["preview", *args, "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().err
    return out.read_text(encoding="utf-8")


def test_the_page_reads_like_a_play_script_with_links_and_a_diagram(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = page(tmp_path, capsys, str(FIXTURE))
    assert "<h1>Rent arrears, first meeting</h1>" in html
    assert "<h2>The client: Sam</h2>" in html
    # Each state is a scene with an anchor; transitions link to where they go.
    for state in ("opening", "opening_up", "good_end", "poor_end"):
        assert f'id="state-{state}"' in html
    assert '→ on to the scene <a href="#state-opening_up">opening_up</a>' in html
    assert '<p class="line"><span class="who">Sam:</span> I got a letter. So here I am.</p>' in html
    assert "(thinks: Are they going to evict me?)" in html
    assert "Trainer&#x27;s note: An open question gives Sam room." in html
    assert "(opening.on.1, " in html and "preview.yaml:" in html  # counted from 1, file:line
    # The diagram is inline SVG whose boxes link to the scenes.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert '<a href="#state-good_end"><rect' in svg and 'marker-end="url(#arrow)"' in svg


def test_nothing_loads_from_the_network_and_nothing_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = page(tmp_path, capsys, str(FIXTURE))
    assert "<script" not in html  # the scenario's own "<script>" is escaped
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;?"
    assert escaped in html
    assert "default-src 'none'" in html
    # No URL anywhere but the SVG namespace: no fonts, images, styles or scripts fetched.
    urls = set(re.findall(r"(?:https?:)?//[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}


def test_headings_in_finnish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = page(tmp_path, capsys, "--lang", "fi", str(FIXTURE))
    assert "<h2>Asiakas: Sam</h2>" in html and "Kohtausten kartta" in html
    assert "siirrytään kohtaukseen" in html and "Kouluttajan huomio" in html


def test_a_broken_file_prints_its_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", str(HERE / "tab.yaml"), "-o", str(tmp_path / "x.html")]) == 1
    assert "K101" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_every_bundled_scenario_renders() -> None:
    from simulator.authoring.preview import render
    from simulator.scenario.loader import load_library

    scenarios, _ = load_library()
    assert scenarios
    for scenario in scenarios:
        html = render(scenario)
        assert html.count('<section class="scene') == len(scenario.states)
        assert "<script" not in html


def test_the_holding_answers_and_the_answer_to_an_offer_are_in_the_script() -> None:
    """A trainer reading the script sees what the client says to a content question it has
    no answer for and to an offer (the `defaults:` keys by question kind, issue 14)."""
    from simulator.authoring.preview import render
    from simulator.scenario.loader import load_library

    lee = next(s for s in load_library()[0] if s.id == "en-substance-use-no-treatment")
    html = render(lee)
    assert "<code>question_remember</code>" in html and "Not much. Bits." in html
    assert "<code>offer_yes</code>" in html and "trust &gt;= talks" in html
