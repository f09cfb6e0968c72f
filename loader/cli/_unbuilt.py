"""Commands whose implementation has not landed yet say so plainly."""

from loader.errors import SetupError


class NotBuiltYet(SetupError):
    def __init__(self, command: str, issue: str):
        super().__init__(f"`budget-loader {command}` is not built yet (tracked in {issue})")
