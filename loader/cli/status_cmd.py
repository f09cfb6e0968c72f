"""``budget-loader status``: what the warehouse holds (filled by the nightly-batch work)."""


from loader.cli import cli
from loader.cli._unbuilt import NotBuiltYet


@cli.command()
def status() -> None:
    """Loaded documents by unit and year, versions, last runs, open error findings."""
    raise NotBuiltYet("status", "issue 7: nightly batch")
