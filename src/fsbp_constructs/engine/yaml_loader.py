"""CloudFormation templates written in YAML, short intrinsic-function tags included.

CloudFormation accepts ``!Ref Bucket`` for ``{"Ref": "Bucket"}`` and ``!GetAtt Role.Arn`` for
``{"Fn::GetAtt": ["Role", "Arn"]}``. :func:`load_yaml_template` turns every such tag into the
long JSON form, so the engine sees the same structure whether a template was written in YAML
or JSON. Built on PyYAML's ``SafeLoader``: no arbitrary Python objects, ever.

Where plain YAML and CloudFormation disagree, this loader follows CloudFormation:

- dates stay strings (``AWSTemplateFormatVersion: 2010-09-09`` is ``"2010-09-09"``);
- mapping keys are strings (``80:`` is ``"80"``), as in a JSON template;
- a key repeated in one mapping is an error (CloudFormation rejects such templates);
- ``.inf``, ``.nan`` and floats too large to be finite (``1.0e+999``) are an error
  (:class:`NotFiniteError`): a template's numbers are JSON numbers, which are finite.

Aliases (``*name``) may stand for at most :data:`~.limits.MAX_YAML_ALIAS_NODES` nodes in all,
so a "billion laughs" file of a few lines is refused instead of expanded.
"""

from __future__ import annotations

from typing import Any

import yaml

from .limits import MAX_YAML_ALIAS_NODES, NotFiniteNumber, first_not_finite

__all__ = [
    "SHORT_TAGS",
    "CfnYamlLoader",
    "NotFiniteError",
    "describe_yaml_error",
    "load_yaml_template",
]

#: Short tag -> long form. ``!Ref`` and ``!Condition`` have no ``Fn::`` prefix.
SHORT_TAGS: dict[str, str] = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in (
            "And",
            "Base64",
            "Cidr",
            "Equals",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "If",
            "ImportValue",
            "Join",
            "Length",
            "Not",
            "Or",
            "Select",
            "Split",
            "Sub",
            "ToJsonString",
            "Transform",
        )
    },
}


_MERGE = "tag:yaml.org,2002:merge"


class CfnYamlLoader(yaml.SafeLoader):
    """A ``SafeLoader`` that reads CloudFormation's short tags into their long JSON form."""

    #: Set when the document uses an alias (only then are the aliases counted).
    uses_aliases = False
    #: Set when the document holds ``.inf``, ``.nan`` or a float too large to be finite.
    not_finite = False

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        value = super().construct_yaml_float(node)
        if value == value and value not in (float("inf"), float("-inf")):
            return value
        self.not_finite = True
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        return NotFiniteNumber(str(node.value), f" (line {line}, column {column})")

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.uses_aliases = True
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        seen: set[str] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found the key {key_node.value!r} twice in one mapping",
                    key_node.start_mark,
                )
            seen.add(key_node.value)
        self.flatten_mapping(node)  # YAML merge keys (`<<: *anchor`): later keys win
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key_text(self.construct_object(key_node, deep=True))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


class NotFiniteError(ValueError):
    """A template that holds ``.inf``, ``.nan`` or a float too large to be finite."""


def _key_text(key: Any) -> str:
    if isinstance(key, NotFiniteNumber):
        return key.text
    if isinstance(key, bool):
        return "true" if key else "false"
    return key if isinstance(key, str) else str(key)


def _timestamp_as_text(loader: CfnYamlLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def _intrinsic(loader: CfnYamlLoader, tag: str, node: yaml.Node) -> dict[str, Any]:
    name = SHORT_TAGS[tag]
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            # `!GetAtt Resource.Attribute.With.Dots` -> ["Resource", "Attribute.With.Dots"]
            logical_id, _, attribute = str(value).partition(".")
            value = [logical_id, attribute]
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


def _register() -> None:
    for tag in SHORT_TAGS:
        CfnYamlLoader.add_constructor(tag, _intrinsic_for(tag))
    CfnYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    CfnYamlLoader.add_constructor("tag:yaml.org,2002:float", CfnYamlLoader.construct_yaml_float)


def _intrinsic_for(tag: str) -> Any:
    def construct(loader: CfnYamlLoader, node: yaml.Node) -> dict[str, Any]:
        return _intrinsic(loader, tag, node)

    return construct


_register()


def load_yaml_template(text: str) -> Any:
    """Parse YAML text with CloudFormation's short tags; raises ``yaml.YAMLError`` when invalid.

    Also raised when the aliases stand for more than ``MAX_YAML_ALIAS_NODES`` nodes, or an
    alias refers to a node that contains it. Raises :class:`NotFiniteError` for a number
    that is not finite, naming where it is.
    """
    loader = CfnYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if loader.uses_aliases:
            _check_aliases(node)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    found = first_not_finite(data) if loader.not_finite else None
    if found is not None:
        where, value = found
        raise NotFiniteError(
            f"{where or 'the document'} is {value.text}{value.at}, which is not a JSON number "
            "(CloudFormation reads a template's numbers as JSON numbers, which are finite): "
            "write a finite number"
        )
    return data


def _check_aliases(root: yaml.Node) -> None:
    """Count the nodes that aliases stand for; refuse a bomb or a node that contains itself.

    The composer gives an aliased node once, shared by every alias of it: a node seen again
    while walking is an alias use, and counts with everything under it.
    """
    sizes: dict[int, int] = {}
    expanded = 0

    def size(node: yaml.Node, open_: set[int]) -> int:
        nonlocal expanded
        key = id(node)
        if key in sizes:
            expanded += sizes[key]
            if expanded > MAX_YAML_ALIAS_NODES:
                raise yaml.YAMLError(
                    f"YAML aliases stand for more than {MAX_YAML_ALIAS_NODES:,} nodes "
                    f"(at line {node.start_mark.line + 1}); an alias bomb? Write the "
                    "repeated parts out, or use fewer aliases"
                )
            return sizes[key]
        if key in open_:
            raise yaml.YAMLError(
                f"a YAML alias refers to a node that contains it (line {node.start_mark.line + 1})"
            )
        total = 1
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        open_.add(key)
        for child in children:
            total += size(child, open_)
        open_.discard(key)
        sizes[key] = total
        return total

    size(root, set())


def describe_yaml_error(error: yaml.YAMLError) -> str:
    """One line for a parse error: what is wrong and where (``line 3, column 5``)."""
    if isinstance(error, yaml.MarkedYAMLError):
        what = error.problem or error.context or "invalid YAML"
        mark = error.problem_mark or error.context_mark
        if mark is not None:
            return f"{what} (line {mark.line + 1}, column {mark.column + 1})"
        return what
    return str(error).splitlines()[0] if str(error) else type(error).__name__
