"""The package's one error type: every message names the file (and line) a person must fix."""


class SrgError(ValueError):
    """Base of every error the pipeline raises on bad data or pages; `mkdocs_glue` turns it into PluginError."""


class DataError(SrgError):
    """The data file is not valid; the message names file, line, entry and field."""


class MarkupError(SrgError):
    """A page's markers or references are wrong; the message names page and line."""


class PipelineError(SrgError):
    """A step of the build ran without what it needs, or left something unreplaced."""
