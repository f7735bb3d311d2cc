"""YAML to plain Python, remembering the line of every key and list item; no MkDocs imports."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import DataError

Path = tuple[str | int, ...]

# The C parser when PyYAML has it (several times faster), else the Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[Path, int]]:
    """The document in `text` and the line of each path in it (a key's line, a list item's line)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        return (_to_python(node, (), lines, loader) if node is not None else None), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = error.problem or error.context or "invalid YAML"
        raise DataError(f"{name}{line}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{name}: YAML syntax error: {error}") from None
    finally:
        loader.dispose()


def _to_python(node: yaml.Node, path: Path, lines: dict[Path, int], loader: Any) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or mapping", key_node.start_mark
                )
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key must be text, not {type(key).__name__} ({key!r})", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            lines[(*path, key)] = key_node.start_mark.line + 1
            mapping[key] = _to_python(value_node, (*path, key), lines, loader)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            lines[(*path, index)] = item_node.start_mark.line + 1
            items.append(_to_python(item_node, (*path, index), lines, loader))
        return items
    return loader.construct_object(node)
