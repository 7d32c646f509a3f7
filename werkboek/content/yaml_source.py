"""Read one YAML content file and keep its node tree, so problems can name their line.

The file is composed once with libyaml (``CSafeLoader``) and the data is constructed
from that same node tree: the speed of a plain ``yaml.load`` plus line numbers for
every field, which pydantic errors and reference checks then point at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from werkboek.content.problems import Problem

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlSource:
    """A parsed content file: its path relative to the content folder, data and nodes."""

    name: str
    data: Any
    node: Node

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest part of ``loc`` present in the file (1-based)."""
        node = self.node
        line = node.start_mark.line + 1
        for key in loc:
            if isinstance(node, MappingNode):
                match = next((pair for pair in node.value if pair[0].value == key), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line + 1, match[1]
            elif isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def field_name(self, loc: Loc) -> str:
        """``loc`` as a readable path: list entries by their id when they have one.

        ``("steps", 2, "capture")`` becomes ``steps[hypothesen].capture``; entries
        without an id are numbered from 1, as a trainer counts them.
        """
        parts: list[str] = []
        data = self.data
        for key in loc:
            if isinstance(key, int):
                entry = data[key] if isinstance(data, list) and key < len(data) else None
                has_id = isinstance(entry, dict) and isinstance(entry.get("id"), str)
                label = entry["id"] if has_id else str(key + 1)
                parts.append(f"[{label}]")
                data = entry
            else:
                parts.append(f".{key}" if parts else key)
                data = data.get(key) if isinstance(data, dict) else None
        return "".join(parts)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.name, self.field_name(loc), message, self.line_of(loc))


def read_yaml(path: Path, name: str) -> YamlSource | Problem:
    """Parse ``path``; a Problem when it is unreadable, not UTF-8, not YAML or empty."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(name, "", f"kan het bestand niet lezen ({exc.strerror})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Problem(name, "", "het bestand is geen UTF-8-tekst; sla het op als UTF-8", line)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Problem(name, "", "het bestand is leeg", 1)
        duplicate = _duplicate_key(node)
        if duplicate is not None:
            key_node, key = duplicate
            return Problem(
                name, key, "dit veld staat twee keer in hetzelfde blok", key_node.start_mark.line + 1
            )
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return Problem(
            name,
            "",
            f"geen geldige YAML ({exc.problem}); controleer inspringen, dubbele punten en "
            "aanhalingstekens",
            line,
        )
    except yaml.YAMLError as exc:
        return Problem(name, "", f"geen geldige YAML ({exc})")
    finally:
        loader.dispose()
    return YamlSource(name, data, node)


def _duplicate_key(node: Node) -> tuple[Node, str] | None:
    """The first key that occurs twice in one mapping (YAML would silently keep the last)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = key_node.value
                if isinstance(key, str):
                    if key in seen:
                        return key_node, key
                    seen.add(key)
                stack.append(value_node)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    return None
