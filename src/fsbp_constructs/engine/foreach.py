"""``Fn::ForEach`` of the ``AWS::LanguageExtensions`` transform, expanded before checking.

CloudFormation expands each loop at deploy time::

    Resources:
      Fn::ForEach::Repos:
        - Name                      # the identifier
        - [Api, Web]                # the collection
        - Repo${Name}:              # the fragment, once per value
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: !Ref Name

When the collection is a literal list of strings, :func:`expand_for_each` does the same: each
key of the fragment with ``${Name}`` (or ``&{Name}``, the value with its non-alphanumeric
characters removed) replaced, ``{"Ref": "Name"}`` replaced by the value, and ``${Name}`` in
``Fn::Sub`` strings replaced. A loop over anything else (a parameter, a mapping lookup) is
left in place; :func:`fsbp_constructs.engine.notes.input_notes` reports it as not checked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .limits import MAX_FOREACH_KEYS, InputError

__all__ = ["FOR_EACH_PREFIX", "LANGUAGE_EXTENSIONS", "expand_for_each", "transforms"]

FOR_EACH_PREFIX = "Fn::ForEach::"
LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"


def transforms(template: dict[str, Any]) -> list[Any]:
    """The template's ``Transform`` entries (names, or ``{"Name": ...}`` for macros)."""
    declared = template.get("Transform")
    if declared is None:
        return []
    return list(declared) if isinstance(declared, list) else [declared]


def expand_for_each(path: Path, template: dict[str, Any]) -> dict[str, Any]:
    """``template`` with every ``Fn::ForEach`` over a literal list expanded.

    Only when the template declares ``AWS::LanguageExtensions`` (without it CloudFormation
    rejects the loop). Raises :class:`InputError` for a loop CloudFormation would reject.
    """
    if LANGUAGE_EXTENSIONS not in transforms(template) or FOR_EACH_PREFIX not in repr(template):
        return template
    budget = [MAX_FOREACH_KEYS]
    return {
        key: _expand(path, value, budget)
        if key in ("Conditions", "Resources", "Outputs")
        else value
        for key, value in template.items()
    }


def _expand(path: Path, value: Any, budget: list[int]) -> Any:
    if isinstance(value, list):
        return [_expand(path, item, budget) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not (isinstance(key, str) and key.startswith(FOR_EACH_PREFIX)):
            out[key] = _expand(path, item, budget)
            continue
        produced = _loop(path, key, item, budget)
        if produced is None:  # not a literal collection: left for the report to name
            out[key] = item
            continue
        for new_key, new_value in produced.items():
            if new_key in out or new_key in value:
                raise InputError(
                    f"{path}: {key} produces the key {new_key!r}, which already exists; "
                    "CloudFormation rejects the template"
                )
            out[new_key] = new_value
    return out


def _loop(path: Path, key: str, loop: Any, budget: list[int]) -> dict[str, Any] | None:
    if not (isinstance(loop, list) and len(loop) == 3 and isinstance(loop[0], str)):
        raise InputError(
            f"{path}: {key} must be a list of an identifier, a collection and a fragment "
            "(a mapping); CloudFormation rejects the template"
        )
    identifier, collection, fragment = loop
    if not isinstance(fragment, dict):
        raise InputError(f"{path}: the fragment of {key} (its third item) must be a mapping")
    if not isinstance(collection, list) or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in collection
    ):
        return None
    produced: dict[str, Any] = {}
    for raw in collection:
        text = str(raw)
        substituted = {
            _substitute_key(k, identifier, text): _substitute(v, identifier, text)
            for k, v in fragment.items()
        }
        for new_key, new_value in _expand(path, substituted, budget).items():
            if new_key in produced:
                raise InputError(
                    f"{path}: {key} produces the key {new_key!r} twice; "
                    "CloudFormation rejects the template"
                )
            budget[0] -= 1
            if budget[0] < 0:
                raise InputError(
                    f"{path}: the Fn::ForEach loops produce more than {MAX_FOREACH_KEYS:,} "
                    "keys, the most fsbp-constructs expands"
                )
            produced[new_key] = new_value
    return produced


def _alphanumeric(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text)


def _substitute_key(key: Any, identifier: str, value: str) -> Any:
    if not isinstance(key, str):
        return key
    key = key.replace("${" + identifier + "}", value)
    return key.replace("&{" + identifier + "}", _alphanumeric(value))


def _substitute_sub(text: Any, identifier: str, value: str) -> Any:
    if not isinstance(text, str):
        return text
    # `${!Name}` is a literal `${Name}` in Fn::Sub; leave it alone.
    return re.sub(r"\$\{" + re.escape(identifier) + r"\}", value.replace("\\", "\\\\"), text)


def _substitute(node: Any, identifier: str, value: str) -> Any:
    if isinstance(node, list):
        return [_substitute(item, identifier, value) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        ((fn, arg),) = node.items()
        if fn == "Ref" and arg == identifier:
            return value
        if fn == "Fn::Sub":
            if isinstance(arg, list) and arg:
                return {
                    fn: [
                        _substitute_sub(arg[0], identifier, value),
                        *(_substitute(a, identifier, value) for a in arg[1:]),
                    ]
                }
            return {fn: _substitute_sub(arg, identifier, value)}
    out: dict[str, Any] = {}
    for key, item in node.items():
        new_key = _substitute_key(key, identifier, value)
        if isinstance(key, str) and key.startswith(FOR_EACH_PREFIX):
            new_key = key  # an inner loop's name stays; its fragment gets the value
        out[new_key] = _substitute(item, identifier, value)
    return out
