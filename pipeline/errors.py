"""One root exception; messages name the file and say what to do."""


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose."""


class UserError(PipelineError):
    """Bad command-line use or a missing input: shown as one `Error: ...` line, exit code 1."""


class OutputError(PipelineError):
    """The output folder cannot be written (disk full, no permission); the old dataset stays."""


class ReadError(PipelineError):
    """An input that cannot be turned into a release; it becomes a line in rejects.jsonl."""


class ValidationError(PipelineError):
    """A record that cannot be traced to its text; the release is rejected rather than written."""


class StageError(PipelineError):
    """A stage failed on one release; the release becomes a reject naming the stage."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


class KnowledgeError(PipelineError):
    """A file under pipeline/knowledge/ is malformed: the message names the file and the line."""


class NothingExtracted(PipelineError):
    """No input gave a release (none found, or every one rejected): the previous dataset is kept and
    the run exits with its own code, so a script never mistakes an empty dataset for a result."""
