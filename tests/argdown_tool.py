"""Running the real Argdown tool (@argdown/cli) and reading what it understood.

``run_argdown`` runs ``argdown json`` once over several files and fails the test on any error or
warning it prints. ``understood`` turns Argdown's JSON into argmap terms, independently of
argmap's own importer: the statements (by title) and the relations as
``(relation, premises, target)`` with premises a frozenset, read from Argdown's relation list
and from the premise-conclusion structures of its arguments (each inference concludes from the
statements since the one before it, that one's conclusion included).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import argdown_cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SUCCESS = re.compile(r"Successfully export \d+ files? to JSON\.")

Relation = tuple[str, frozenset[str], str | None]


def run_argdown(files: dict[str, str], folder: Path) -> dict[str, dict[str, Any]]:
    """Argdown's JSON of each file (name -> text), from one run; asserts a clean run."""
    tool = argdown_cli()
    assert tool is not None
    source = folder / "argdown-in"
    out = folder / "argdown-out"
    source.mkdir()
    for name, text in files.items():
        (source / f"{name}.argdown").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [tool, "json", str(source / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )
    said = ANSI.sub("", result.stdout + result.stderr).strip()
    assert result.returncode == 0, said
    assert SUCCESS.fullmatch(said), f"Argdown printed more than success: {said}"
    return {name: json.loads((out / f"{name}.json").read_text(encoding="utf-8")) for name in files}


def argdown_errors(text: str, folder: Path) -> str:
    """What Argdown prints for a file it refuses (asserts that it does refuse it)."""
    tool = argdown_cli()
    assert tool is not None
    path = folder / "bad.argdown"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [tool, "json", str(path), str(folder / "out")],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )
    assert result.returncode != 0
    return ANSI.sub("", result.stdout + result.stderr)


def _negates(statement: dict[str, Any]) -> str | None:
    data = statement.get("data") or {}
    value = data.get("negates")
    return value if isinstance(value, str) else None


def statements(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Argdown's statements by title, without the ``[not X]`` conclusions argmap writes."""
    return {t: s for t, s in data["statements"].items() if _negates(s) is None}


def statement_text(statement: dict[str, Any]) -> str:
    """The text of a statement's first definition."""
    for member in statement["members"]:
        if member.get("text"):
            return str(member["text"]).strip()
    return ""


def _kind(relation_type: str) -> str:
    return {
        "support": "supports",
        "entails": "supports",
        "attack": "attacks",
        "undercut": "attacks",
        "contrary": "contradicts",
        "contradictory": "contradicts",
    }[relation_type]


def understood(data: dict[str, Any]) -> set[Relation]:
    """The relations Argdown read, in argmap terms.

    A relation between statements is one link from the one to the other. An argument with
    premises P and main conclusion C is a support from P to C, unless C is a ``[not X]``
    statement: then each relation that C has is a link from P. An undercut names the
    argument's title as target; a contradiction has no target, its two claims are the premises.
    """
    negations = {t for t, s in data["statements"].items() if _negates(s) is not None}
    found: set[Relation] = set()
    for relation in data["relations"]:
        source, target = relation["from"], relation["to"]
        if source in negations:
            continue
        kind = _kind(relation["relationType"])
        if kind == "contradicts":
            found.add((kind, frozenset({source, target}), None))
        else:
            found.add((kind, frozenset({source}), target))
    for argument in data["arguments"].values():
        group: list[str] = []
        for statement in argument.get("pcs") or []:
            if "inference" not in statement:
                group.append(statement["title"])
                continue
            premises, conclusion = frozenset(group), statement["title"]
            group = [conclusion]
            if conclusion in negations:
                for relation in data["relations"]:
                    if relation["from"] == conclusion:
                        found.add((_kind(relation["relationType"]), premises, relation["to"]))
            else:
                found.add(("supports", premises, conclusion))
    return found
