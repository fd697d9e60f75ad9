"""``argmap export``, ``argmap import`` and ``argmap split``: maps written as other files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from argmap.cli.common import (
    COLOR,
    CONTEXT,
    PATHS,
    LazyChoice,
    exit_with,
    exporter_names,
    find_maps,
    importer_names,
    make_output_dir,
    output_dir_option,
    plural,
    print_diagnostic,
    print_invalid,
    refuse,
)

if TYPE_CHECKING:
    from argmap.formats import Format


@click.command(
    "export",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap export --to argdown maps/        maps/foo.yaml -> maps/foo.argdown
  argmap export --to aif -o out/ maps/    maps/foo.yaml -> out/foo.aif.json
""",
)
@PATHS
@click.option(
    "-t",
    "--to",
    "to",
    type=LazyChoice(exporter_names),
    required=True,
    help="The format to write (see docs/formats.md for what each keeps and loses).",
)
@output_dir_option("exported files")
@COLOR
def export_command(
    paths: tuple[str, ...], to: str, output_dir: Path | None, color: bool | None
) -> None:
    """Write maps in another tool's format: one file per map, named after the map.

    A map with errors is not exported: its errors are printed and the exit status is 1, while
    the other maps are still exported. Files are written atomically and never over a map.
    """
    from argmap.files import output_path
    from argmap.formats import get as get_format
    from argmap.pipeline import clash, export_file

    maps = find_maps(paths)
    suffix = get_format(to).suffixes[0].lstrip(".")
    targets = [output_path(p, suffix, output_dir) for p in maps]
    refuse(clash(maps, targets, "exporting", "exported"))
    make_output_dir(output_dir)
    failed = 0
    for path, target in zip(maps, targets, strict=True):
        try:
            checked = export_file(path, to, target)
        except OSError as error:
            click.echo(f"{path}: not exported: {error}", err=True)
            failed += 1
            continue
        if checked.map is None:
            print_invalid(checked, "exported", color, err=True)
            failed += 1
            continue
        click.echo(f"{path} -> {target}", err=True)
    raise exit_with(failed)


@click.command(
    "import",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap import debate.argdown            debate.argdown -> debate.yaml
  argmap import --from aif -o maps/ x.json
""",
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--from",
    "from_",
    type=LazyChoice(importer_names),
    help="The format of the files. Default: guessed from each file's name ending.",
)
@output_dir_option("new maps", beside="file")
@COLOR
def import_command(
    files: tuple[Path, ...], from_: str | None, output_dir: Path | None, color: bool | None
) -> None:
    """Read files made by other tools into argmap maps (FILE's stem + .yaml).

    What a format holds that a map cannot is reported as a warning at its line in the file;
    a file that cannot be read is reported and not converted (exit status 1). An existing file
    is never written over.
    """
    from argmap.files import output_path
    from argmap.formats import get as get_format
    from argmap.formats import guess
    from argmap.pipeline import clash, import_file

    formats: dict[Path, Format] = {}
    for file in files:
        format = get_format(from_) if from_ else guess(file)
        if format is None:
            raise click.UsageError(
                f"cannot tell the format of {file} from its name; give --from "
                f"({', '.join(importer_names())})"
            )
        formats[file] = format
    stems = [Path(file.name.removesuffix(formats[file].suffixes[0])) for file in files]
    targets = [
        output_path(stem, "yaml", output_dir if output_dir is not None else file.parent)
        for stem, file in zip(stems, files, strict=True)
    ]
    refuse(clash(list(files), targets, "importing", "imported", "the file"))
    make_output_dir(output_dir)
    failed = 0
    for file, target in zip(files, targets, strict=True):
        imported = import_file(file, formats[file], target)
        if imported.unreadable is not None:
            click.echo(str(imported.unreadable), err=True)
        if imported.loaded is not None:
            for diagnostic in imported.loaded.diagnostics:
                print_diagnostic(diagnostic, imported.loaded, color, err=True)
        if imported.written:
            click.echo(f"{file} -> {target}", err=True)
            continue
        failed += 1
        if imported.exists:
            click.echo(f"{file}: not imported: {target} exists (choose a folder with -o)", err=True)
        elif imported.problem is not None:
            click.echo(f"{file}: not imported: {imported.problem}", err=True)
        elif imported.invalid:
            # an importer's defect, not the user's: say so rather than write a bad map
            for diagnostic in imported.invalid:
                click.echo(str(diagnostic), err=True)
            click.echo(f"{file}: not imported: the map built from it is not valid", err=True)
        elif imported.loaded is not None:
            click.echo(f"{file}: not imported", err=True)
    raise exit_with(failed)


@click.command(
    "split",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  argmap split big.yaml -o parts/         one map per thesis (or argument) into parts/
  argmap render parts/                    then draw each part
""",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_dir_option("parts", beside="map")
@COLOR
def split_command(file: Path, output_dir: Path | None, color: bool | None) -> None:
    """Split a map too large to draw or read at once into smaller maps: one per thesis, or,
    for a map with one thesis, one per argument under it, each with all that bears on it.

    Each part is written as STEM.PART.yaml, PART being the thesis's id or the argument's name
    (its link's id, else its first premise). An existing file is never written over.
    """
    from argmap.pipeline import split_file

    outcome = split_file(file, output_dir)
    if outcome.checked.map is None:
        print_invalid(outcome.checked, "split", color, err=True)
        raise exit_with(1)
    for target, claims in outcome.parts:
        click.echo(f"{file} -> {target} ({plural(claims, 'claim')})", err=True)
    if outcome.problem is not None:
        click.echo(f"{file}: not split: {outcome.problem}", err=True)
        raise exit_with(1)
