"""Splitting a map into one map per thesis, or per argument under its thesis, and `argmap split`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

import argmap
from argmap import ArgumentMap, Claim, attack, contradiction, support
from argmap.checks.thesis import bearing
from argmap.cli import main
from argmap.evaluation import evaluate
from argmap.splitting import NothingToSplit, split, splits_by
from tests.strategies import valid_maps

ROOT = Path(__file__).resolve().parent.parent


def _claims(*ids: str) -> list[Claim]:
    return [Claim(claim_id, f"Claim {claim_id}.") for claim_id in ids]


TWO_THESES = ArgumentMap(
    claims=_claims("t1", "t2", "a", "b", "c", "shared"),
    links=[
        support("a", "t1"),
        support("shared", "a"),
        support("b", "t2"),
        support("shared", "b"),
        attack("c", "b"),
    ],
    thesis=["t1", "t2"],
    title="Two questions",
)

ONE_THESIS = ArgumentMap(
    claims=_claims("t", "p", "q", "r", "u", "x", "stray"),
    links=[
        support(["p", "q"], "t", id="pq"),
        attack("u", "pq"),  # an undercut of the first argument
        support("r", "p"),
        contradiction("x", "t"),
        support("t", "stray"),  # the thesis as a premise: in no argument under it
    ],
    thesis=["t"],
)


def _ids(m: ArgumentMap) -> list[str]:
    return [claim.id for claim in m.claims]


def test_a_map_with_several_theses_splits_into_one_map_per_thesis() -> None:
    parts = split(TWO_THESES)
    assert [part.name for part in parts] == ["t1", "t2"]
    assert [_ids(part.map) for part in parts] == [["t1", "a", "shared"], ["t2", "b", "c", "shared"]]
    assert parts[0].map.links == (support("a", "t1"), support("shared", "a"))
    assert parts[1].map.links == (support("b", "t2"), support("shared", "b"), attack("c", "b"))
    assert [part.map.thesis for part in parts] == [("t1",), ("t2",)]
    assert parts[0].map.title == "Two questions (t1)"
    assert splits_by(TWO_THESES) == "thesis"


def test_a_map_with_one_thesis_splits_into_one_map_per_argument() -> None:
    parts = split(ONE_THESIS)
    assert [part.name for part in parts] == ["pq", "x"]
    first, second = (part.map for part in parts)
    assert _ids(first) == ["t", "p", "q", "r", "u"]
    assert first.links == (support(["p", "q"], "t", id="pq"), attack("u", "pq"), support("r", "p"))
    assert _ids(second) == ["t", "x"]
    assert second.links == (contradiction("x", "t"),)
    assert first.thesis == second.thesis == ("t",)
    assert splits_by(ONE_THESIS) == "argument"


def test_arguments_from_the_same_premise_get_numbered_names() -> None:
    m = ArgumentMap(
        claims=_claims("t", "p"), links=[support("p", "t"), attack("p", "t")], thesis=["t"]
    )
    assert [part.name for part in split(m)] == ["p", "p-2"]


@pytest.mark.parametrize(
    ("m", "message"),
    [
        (
            ArgumentMap(claims=_claims("a", "b"), links=[support("a", "b")]),
            "the map names no thesis (thesis:), so it has no parts to split by",
        ),
        (
            ArgumentMap(claims=_claims("a", "b"), links=[support("a", "b")], thesis=["b"]),
            "the map has a single argument under its thesis 'b', so it has no parts to split by",
        ),
        (
            ArgumentMap(claims=_claims("a", "b"), links=[support("a", "b")], thesis=["a"]),
            "the map has no argument under its thesis 'a', so it has no parts to split by",
        ),
    ],
)
def test_nothing_to_split(m: ArgumentMap, message: str) -> None:
    with pytest.raises(NothingToSplit) as raised:
        split(m)
    assert str(raised.value) == message
    assert splits_by(m) is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(valid_maps())
def test_parts_are_valid_maps_with_all_that_bears_on_them(m: ArgumentMap) -> None:
    assume(splits_by(m) is not None)
    parts = split(m)
    whole = evaluate(m).claims
    errors = {(d.code, d.message) for d in argmap.check(m) if d.is_error}  # expectations only
    covered: set[str] = set()
    for part in parts:
        assert {(d.code, d.message) for d in argmap.check(part.map) if d.is_error} <= errors
        assert set(part.map.claims) <= set(m.claims)
        assert set(part.map.links) <= set(m.links)
        assert len(part.map.thesis) == 1
        assert bearing(part.map) >= set(_ids(part.map))  # every claim of a part bears on it
        if splits_by(m) == "thesis":  # all that bears on each claim came along
            assert set(part.map.expect) <= set(m.expect)
            for claim_id, status in evaluate(part.map).claims.items():
                assert status is whole[claim_id], claim_id
        else:
            assert part.map.expect == ()
        covered.update(_ids(part.map))
    assert covered >= {c.id for c in m.claims} & bearing(m)  # no claim bearing on a thesis lost
    assert len({part.name for part in parts}) == len(parts)


# --- argmap split ---------------------------------------------------------------------------


def test_split_writes_one_map_per_part(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(argmap.dumps(TWO_THESES), encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(source), "-o", str(tmp_path / "parts")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{source} -> {tmp_path / 'parts' / 'big.t1.yaml'} (3 claims)",
        f"{source} -> {tmp_path / 'parts' / 'big.t2.yaml'} (4 claims)",
    ]
    parts = split(TWO_THESES)
    for part in parts:
        assert argmap.read(tmp_path / "parts" / f"big.{part.name}.yaml").map == part.map


def test_split_never_writes_over_a_file(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(argmap.dumps(TWO_THESES), encoding="utf-8")
    (tmp_path / "big.t2.yaml").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(source)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}: not split: {tmp_path / 'big.t2.yaml'} exist (choose a folder with -o)\n"
    )
    assert (tmp_path / "big.t2.yaml").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "big.t1.yaml").exists()


def test_split_says_when_there_is_nothing_to_split(tmp_path: Path) -> None:
    source = tmp_path / "small.yaml"
    m = ArgumentMap(claims=_claims("a", "b"), links=[support("a", "b")], thesis=["b"])
    source.write_text(argmap.dumps(m), encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(source)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}: not split: the map has a single argument under its thesis 'b', "
        "so it has no parts to split by\n"
    )


def test_split_refuses_a_map_with_errors(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("argmap: 1\nthesis: [a, b]\nclaims:\n  a: A.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(source), "--no-color"])
    assert result.exit_code == 1
    assert "error[unknown-ref]" in result.stderr
    assert result.stderr.endswith(f"{source}: not split (1 error)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_split_keeps_parts_that_refer_to_other_maps_beside_them(tmp_path: Path) -> None:
    for path in (ROOT / "maps").glob("*.yaml"):
        shutil.copy(path, tmp_path)
    elsewhere = CliRunner().invoke(main, ["split", str(tmp_path / "debate.yaml"), "-o", "out"])
    assert elsewhere.exit_code == 1
    assert elsewhere.stderr == (
        f"{tmp_path / 'debate.yaml'}: not split: its claims refer to other maps of {tmp_path}, "
        "which the parts could not find in out; split it without -o\n"
    )
    beside = CliRunner().invoke(main, ["split", str(tmp_path / "debate.yaml")])
    assert beside.exit_code == 0, beside.output
    checked = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert checked.exit_code == 0, checked.output
    assert "debate.q-hanoi" in {p.stem for p in tmp_path.iterdir()}
