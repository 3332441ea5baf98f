"""The gazetteer's place files as rows, for the scripts that make more of them."""
from pathlib import Path


def place_rows(folder, leave_out=None):
    """Every row of the place files (`id kind …` header) in `folder`, in name order, as
    (file name, row dict), leaving out the file `leave_out` (the one a script is writing)."""
    for path in sorted(Path(folder).glob("*.tsv")):
        if leave_out is not None and path.resolve() == Path(leave_out).resolve():
            continue
        lines = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#")]
        if not lines or lines[0][:2] != ["id", "kind"]:
            continue
        for fields in lines[1:]:
            yield path.name, dict(zip(lines[0], fields))
