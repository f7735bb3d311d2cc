"""YAML to plain Python, remembering the line of every key and list item; no MkDocs imports."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import DataError

Path = tuple[str | int, ...]


class KeyProblem(DataError):
    """A key YAML accepts but the data file must not have (repeated, or not text), with where it is."""

    def __init__(self, message: str, path: Path, document: Any, lines: dict[Path, int]) -> None:
        super().__init__(message)
        self.path, self.document, self.lines = path, document, lines


_STR = "tag:yaml.org,2002:str"
# The C parser when PyYAML has it (several times faster), else the Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[Path, int]]:
    """The document in `text` and the line of each path in it (a key's line, a list item's line).

    A repeated or non-text key raises KeyProblem, which carries the document
    read without that key, so the message can name the entry it is in.
    """
    try:
        return _parse(text, name, strict=True)
    except _BadKey as bad:
        document, lines = _parse(text, name, strict=False)
        lines[bad.path] = bad.line
        raise KeyProblem(bad.message, bad.path, document, lines) from None


class _BadKey(Exception):
    def __init__(self, message: str, path: Path, line: int) -> None:
        self.message, self.path, self.line = message, path, line


def _parse(text: str, name: str, strict: bool) -> tuple[Any, dict[Path, int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        return (_to_python(node, (), lines, loader, strict) if node is not None else None), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = error.problem or error.context or "invalid YAML"
        raise DataError(f"{name}{line}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{name}: YAML syntax error: {error}") from None
    finally:
        loader.dispose()


def _to_python(node: yaml.Node, path: Path, lines: dict[Path, int], loader: Any, strict: bool) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _STR:  # the common case, as for values
                key = key_node.value
            else:
                key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                if strict:
                    shown = "a list or mapping" if key is None else f"{type(key).__name__} ({key!r})"
                    raise _BadKey(f"has a key that is not text: {shown}; keys are field names", path, line)
                continue
            if key in mapping and strict:
                raise _BadKey("is given twice; give each field once", (*path, key), line)
            lines[(*path, key)] = line
            mapping[key] = _to_python(value_node, (*path, key), lines, loader, strict)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            lines[(*path, index)] = item_node.start_mark.line + 1
            items.append(_to_python(item_node, (*path, index), lines, loader, strict))
        return items
    if node.tag == _STR:
        return node.value  # the common case, without the constructor's bookkeeping
    return loader.construct_object(node)
