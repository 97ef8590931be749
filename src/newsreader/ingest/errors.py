"""The one exception ingest raises for a user's bad input."""


class IngestError(Exception):
    """Bad input: the message is one line naming the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
