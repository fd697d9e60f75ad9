"""References across maps: ``ref`` and ``same``, the corpus of a folder, and their checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import Claim, Corpus, MapError
from argmap.cli import main
from argmap.figures import differences, figures
from argmap.model import split_ref
from argmap.overview import drawing, merged

ARTICLE = """\
argmap: 1
title: An article
source:
  title: The Article
  outlet: The Outlet
thesis: leverage
claims:
  leverage: China holds the leverage.
  share: China accounts for 90 percent of North Korea's trade.
links:
  - from: share
    supports: leverage
"""

DEBATE = """\
argmap: 1
title: The debate
thesis: leverage
claims:
  leverage:
    ref: article#leverage
  share:
    ref: article#share
    same: other#share
  doubt: The leverage is overstated.
links:
  - from: share
    supports: leverage
  - from: doubt
    attacks: leverage
"""

OTHER = """\
argmap: 1
thesis: share
claims:
  share: About 90% of North Korea's trade is with China.
  data: Customs data show it.
links:
  - from: data
    supports: share
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "article.yaml").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "debate.yaml").write_text(DEBATE, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(OTHER, encoding="utf-8")
    return tmp_path


def codes(found: list[argmap.Diagnostic]) -> list[tuple[str, str, int | None, int | None]]:
    return [(Path(d.file or "").name, d.code, d.line, d.column) for d in found]


def located(found: list[argmap.Diagnostic]) -> list[tuple[str, int | None, int | None, str]]:
    return [(d.code, d.line, d.column, d.message) for d in found]


def test_a_reference_takes_the_text_of_the_claim_it_names(folder: Path) -> None:
    corpus = argmap.load_corpus(folder)
    debate = corpus.resolved("debate")
    assert debate.claim("leverage").text == "China holds the leverage."
    assert debate.claim("share").text == "China accounts for 90 percent of North Korea's trade."
    assert debate.claim("doubt").text == "The leverage is overstated."
    # as written, the referring claims have no text of their own
    assert corpus.maps()["debate"].claim("leverage").text is None
    assert sorted(corpus.maps()) == ["article", "debate", "other"]


def test_a_text_given_with_a_reference_is_shown_instead(folder: Path) -> None:
    (folder / "debate.yaml").write_text(
        DEBATE.replace("    ref: article#leverage", "    ref: article#leverage\n    text: Short."),
        encoding="utf-8",
    )
    assert argmap.load_corpus(folder).resolved("debate").claim("leverage").text == "Short."


def test_references_follow_references(folder: Path) -> None:
    (folder / "third.yaml").write_text(
        "argmap: 1\nthesis: t\nclaims:\n  t:\n    ref: debate#share\n", encoding="utf-8"
    )
    corpus = Corpus(folder)
    followed = corpus.follow("debate#share")
    assert followed.path == ("debate#share", "article#share")
    assert followed.claim is not None
    assert followed.claim.id == "share"
    assert corpus.resolved("third").claim("t").text.startswith("China accounts")  # type: ignore[union-attr]


def test_the_folder_checks_clean_and_a_single_file_resolves_its_siblings(folder: Path) -> None:
    assert argmap.check_file(folder / "debate.yaml") == []
    assert argmap.load(folder / "debate.yaml").claim("share").ref == "article#share"
    assert argmap.check_corpus(Corpus(folder)) == []


def test_unknown_map_and_unknown_claim_are_located_with_hints(folder: Path) -> None:
    text = DEBATE.replace("article#leverage", "artcle#leverage").replace(
        "article#share", "article#shar"
    )
    (folder / "debate.yaml").write_text(text, encoding="utf-8")
    found = argmap.check_file(folder / "debate.yaml")
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in found] == [
        (
            "unknown-ref",
            6,
            10,
            "'ref' of claim 'leverage' names no map 'artcle' "
            f"(there is no {folder / 'artcle.yaml'})",
            "did you mean 'article'?",
        ),
        (
            "unknown-ref",
            8,
            10,
            "'ref' of claim 'share' names no claim 'shar' in map 'article'",
            "did you mean 'share'?",
        ),
    ]
    with pytest.raises(MapError) as caught:
        argmap.load_corpus(folder)
    assert [d.code for d in caught.value.errors] == ["unknown-ref", "unknown-ref"]


def test_a_cycle_of_references_is_an_error_listing_it(folder: Path) -> None:
    (folder / "other.yaml").write_text(
        "argmap: 1\nthesis: share\nclaims:\n  share:\n    ref: debate#share\n", encoding="utf-8"
    )
    text = DEBATE.replace("    ref: article#share\n    same: other#share", "    ref: other#share")
    (folder / "debate.yaml").write_text(text, encoding="utf-8")
    cycle = "debate#share -> other#share -> debate#share"
    message = f"claim 'share' refers, through references, back to itself: {cycle}"
    assert located(argmap.check_file(folder / "debate.yaml")) == [("circular-ref", 8, 10, message)]
    assert codes([d for d in argmap.check_corpus(Corpus(folder)) if d.is_error]) == [
        ("debate.yaml", "circular-ref", 8, 10),
        ("other.yaml", "circular-ref", 5, 10),
    ]


def test_claims_declared_the_same_with_other_figures_are_warned_about(folder: Path) -> None:
    (folder / "other.yaml").write_text(OTHER.replace("90%", "80%"), encoding="utf-8")
    message = (
        "claim 'share' is declared the same as 'other#share', but their percentages "
        "differ: '90 percent' here, '80%' there"
    )
    assert located(argmap.check_file(folder / "debate.yaml")) == [
        ("figure-mismatch", 9, 11, message)
    ]


def test_maps_without_references_do_not_read_their_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(OTHER, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("argmap: [", encoding="utf-8")
    assert argmap.check_file(tmp_path / "a.yaml") == []


def test_a_map_from_text_leaves_its_references_unchecked() -> None:
    m = argmap.loads(DEBATE)
    assert m.claim("share").same == ("other#share",)
    assert argmap.loads(argmap.dumps(m)) == m


def test_a_badly_written_reference_is_wrong_type() -> None:
    text = DEBATE.replace("ref: article#leverage", "ref: article/leverage")
    found = argmap.run_checks(argmap.parse(text))
    assert [(d.code, d.line, d.column) for d in found] == [("wrong-type", 6, 10)]
    assert "must be a reference STEM#CLAIM-ID" in found[0].message


def test_a_claim_needs_a_text_or_a_reference() -> None:
    with pytest.raises(ValueError, match="needs a 'text' or a 'ref'"):
        Claim("a")
    assert Claim("a", ref="m#b").label == "\u2192 m#b"
    assert split_ref("m#b") == ("m", "b")


def test_check_command_checks_references_of_a_folder_and_of_one_file(folder: Path) -> None:
    (folder / "other.yaml").write_text(OTHER.replace("90%", "80%"), encoding="utf-8")
    for target in (folder, folder / "debate.yaml"):
        result = CliRunner().invoke(main, ["check", "--strict", str(target)])
        assert result.exit_code == 1
        assert "warning[figure-mismatch]" in result.stdout
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0
    assert result.stderr.endswith("3 maps checked: 0 errors, 1 warning\n")


def test_render_draws_referenced_texts(folder: Path) -> None:
    result = CliRunner().invoke(main, ["render", "-f", "dot", str(folder / "debate.yaml")])
    assert result.exit_code == 0, result.output
    dot = (folder / "debate.dot").read_text(encoding="utf-8")
    assert "China holds the leverage." in dot


# --- figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("90%", "90 percent"),
        ("90 per cent", "ninety percent"),
        ("$1.5 billion", "1.5 billion dollars"),
        ("US$1,500 million", "$1.5bn"),
        ("2,000 troops", "2000 soldiers"),
    ],
)
def test_figures_written_differently_are_the_same(one: str, other: str) -> None:
    assert figures(one)
    assert figures(one) == figures(other)
    assert differences(one, other) == []


def test_figures_that_differ_and_kinds_that_are_not_compared() -> None:
    assert [kind for kind, _, _ in differences("90% in 2018", "80 percent in 2019")] == [
        "percent",
        "number",
    ]
    assert differences("90% of trade", "most trade, in 2018") == []  # nothing to compare
    assert figures("the 38th parallel, one of the G20") == []


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["%", " percent"]))
def test_any_percentage_is_read_the_same_either_way(value: object, unit: str) -> None:
    number = f"{value:f}"
    assert figures(f"about {number}{unit} of it") == figures(f"about {number} per cent of it")
    (figure,) = figures(f"about {number}{unit} of it")
    assert float(figure.value) == pytest.approx(float(number))


# --- drawing -----------------------------------------------------------------------------------


def test_referring_claims_are_drawn_in_a_box_per_referenced_map(folder: Path) -> None:
    m, grouping = drawing(Corpus(folder), "debate", argmap.load(folder / "debate.yaml"))
    assert [(c.label, c.members) for c in grouping.clusters] == [
        ("The Article \u2014 The Outlet", ("leverage", "share")),
        ("other", ("other.share",)),
    ]
    assert [c.text for c in grouping.others] == ["About 90% of North Korea's trade is with China."]
    assert grouping.same == (("share", "other.share"),)
    dot = argmap.to_dot(m, grouping=grouping)
    assert "subgraph cluster_0 {" in dot
    assert 'label="The Article — The Outlet"' in dot
    assert "China holds the leverage." in dot


def test_merged_folder_draws_references_once_in_the_box_of_their_map(folder: Path) -> None:
    m, grouping = merged(Corpus(folder), "all")
    assert [c.id for c in m.claims] == [
        "article.leverage",
        "article.share",
        "debate.doubt",
        "other.share",
        "other.data",
    ]
    assert [(link.premises, link.relation.value, link.target) for link in m.links][-2:] == [
        (("debate.doubt",), "attacks", "article.leverage"),
        (("other.data",), "supports", "other.share"),
    ]
    assert [c.label for c in grouping.clusters] == [
        "The Article \u2014 The Outlet",
        "The debate",
        "other",
    ]
    assert grouping.same == (("article.share", "other.share"),)


@pytest.mark.parametrize(
    "engine", ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]
)
def test_render_merge_writes_one_diagram_named_after_the_folder(folder: Path, engine: str) -> None:
    out = folder.parent / f"out-{engine}"
    result = CliRunner().invoke(
        main, ["render", "--merge", "--engine", engine, "-o", str(out), str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{folder} (5 claims) -> {out / (folder.name + '.svg')}\n"
    svg = (out / f"{folder.name}.svg").read_text(encoding="utf-8")
    assert "The Article — The Outlet" in svg
    assert svg.count("China holds the leverage.") == 1


def test_render_merge_refuses_files_and_reports_broken_maps(folder: Path) -> None:
    result = CliRunner().invoke(main, ["render", "--merge", str(folder / "debate.yaml")])
    assert result.exit_code == 2
    assert "--merge draws the maps of a folder" in result.stderr
    (folder / "broken.yaml").write_text("argmap: 1\nclaims: {a: A}\nthesis: b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "--merge", "-f", "dot", str(folder)])
    assert result.exit_code == 1
    assert "broken.yaml: not merged (1 error)" in result.stderr
    assert (folder.parent / f"{folder.name}.dot").is_file()


@pytest.mark.parametrize(
    ("claims", "found"),
    [
        ([Claim("a", "A."), Claim("b", "B.")], False),
        ([Claim("a", "A."), Claim("b", ref="other#b")], True),
        ([Claim("a", "A.", same=("other#a",)), Claim("b", "B.")], True),
    ],
)
def test_a_map_has_references_when_a_claim_names_another_map(
    claims: list[Claim], found: bool
) -> None:
    from argmap.corpus import has_references

    assert has_references(argmap.ArgumentMap(claims=claims)) is found
