"""What the checks could not see, said in every report instead of passing silently.

A template is checked as written. Some templates are not final: CloudFormation runs macros on
them at deploy time (a ``Transform``, ``Fn::Transform``, ``AWS::Include``), or makes resources
from loops the loader could not expand. A nested stack's template in a bare template is a URL,
not a file. An acknowledgment without a reason does not count. Each becomes a :class:`Note`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .foreach import FOR_EACH_PREFIX, LANGUAGE_EXTENSIONS, transforms
from .model import App, Stack

__all__ = ["ACKNOWLEDGMENT", "NOT_CHECKED", "Note", "has_reason", "input_notes"]

#: A part of the template that was not checked.
NOT_CHECKED = "FSBP-NotChecked"
#: An acknowledgment that was ignored.
ACKNOWLEDGMENT = "FSBP-Acknowledgment"

_NESTED_STACK = "AWS::CloudFormation::Stack"
_PROCESSED = (
    "the checks saw the template before that; check the processed template too "
    "(aws cloudformation get-template --template-stage Processed)"
)


@dataclass(frozen=True)
class Note:
    """One thing the report must say: what, where (stack and logical id), which kind."""

    kind: str
    stack: Stack
    logical_id: str
    message: str
    #: The construct it is about, when that is not the resource's (an acknowledgment).
    construct_path: str | None = None

    @property
    def where(self) -> str:
        name = self.stack.template_path.name
        return f"{name}: {self.logical_id}" if self.logical_id else name

    def line(self) -> str:
        return f"{self.where}: {self.message}"


def has_reason(reason: Any) -> bool:
    """An acknowledgment counts only with a reason that is not blank."""
    return isinstance(reason, str) and bool(reason.strip())


def input_notes(app: App) -> list[Note]:
    """Every note about the stacks of ``app``, each once, in stack order."""
    notes: list[Note] = []
    seen: set[tuple[str, str, str]] = set()
    parents = {id(stack.parent) for stack in app.stacks if stack.parent is not None}
    for stack in app.stacks:
        for note in _stack_notes(stack, has_children=id(stack) in parents):
            key = (note.kind, note.logical_id, note.message)
            if key not in seen:
                seen.add(key)
                notes.append(note)
    return notes


def _fsbp_id(value: Any) -> bool:
    """An id of this pack: ``FSBP::FSBP-X.n``, ``FSBP-X.n``, or ``Annotation::FSBP-X.n`` (how
    CDK stores the short form)."""
    return isinstance(value, str) and value.removeprefix("Annotation::").startswith("FSBP")


def _stack_notes(stack: Stack, *, has_children: bool) -> Iterator[Note]:
    template = stack.template
    for transform in transforms(template):
        name = transform.get("Name") if isinstance(transform, dict) else transform
        if name != LANGUAGE_EXTENSIONS:
            yield Note(
                NOT_CHECKED,
                stack,
                "",
                f"the template declares the Transform {name!r}, which CloudFormation runs "
                f"at deploy time; {_PROCESSED}",
            )
    extensions = LANGUAGE_EXTENSIONS in transforms(template)
    for logical_id, key, value in _special_keys(template):
        if key == "Fn::Transform":
            name = value.get("Name") if isinstance(value, dict) else value
            yield Note(
                NOT_CHECKED,
                stack,
                logical_id,
                f"Fn::Transform {name!r} changes this part at deploy time; {_PROCESSED}",
            )
        elif not extensions:
            yield Note(
                NOT_CHECKED,
                stack,
                logical_id,
                f"{key} needs 'Transform: {LANGUAGE_EXTENSIONS}' (CloudFormation rejects the "
                "template without it); what it makes was not checked",
            )
        else:
            collection = value[1] if isinstance(value, list) and len(value) == 3 else value
            yield Note(
                NOT_CHECKED,
                stack,
                logical_id,
                f"{key} loops over {_short(collection)}, not a literal list, so what it makes "
                "is known only at deploy time and was not checked; loop over a literal list, "
                "or check the processed template",
            )
    for logical_id, definition in stack.resources.items():
        if not isinstance(definition, dict):
            continue
        if definition.get("Type") == _NESTED_STACK and not has_children:
            yield Note(
                NOT_CHECKED,
                stack,
                logical_id,
                "a nested stack: its template (TemplateURL) was not checked; give its "
                "template file too, or check the cdk.out that made it",
            )
        if "Metadata" in definition:
            yield from _metadata_acknowledgment_notes(stack, logical_id, definition)
    for path, acks in stack.acknowledgments.items():
        for ack_id, reason in acks.items():
            if _fsbp_id(ack_id) and not has_reason(reason):
                yield Note(
                    ACKNOWLEDGMENT,
                    stack,
                    "",
                    f"the acknowledgment {ack_id.removeprefix('Annotation::')} on "
                    f"{path or 'the app'} has no reason, so it is ignored; give the reason the "
                    "finding is accepted",
                    construct_path=path or None,
                )


def _metadata_acknowledgment_notes(
    stack: Stack, logical_id: str, definition: dict[str, Any]
) -> Iterator[Note]:
    metadata = definition.get("Metadata")
    recorded = metadata.get("cdk_nag") if isinstance(metadata, dict) else None
    entries = recorded.get("rules_to_suppress") if isinstance(recorded, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if (
            isinstance(entry, dict)
            and _fsbp_id(entry.get("id"))
            and not has_reason(entry.get("reason"))
        ):
            yield Note(
                ACKNOWLEDGMENT,
                stack,
                logical_id,
                f"the acknowledgment {entry['id']} in Metadata cdk_nag.rules_to_suppress "
                "has no reason, so it is ignored; give the reason the finding is accepted",
            )


def _mentions(template: dict[str, Any], *words: str) -> bool:
    """Whether any of ``words`` occurs in the template: a scan of its ``repr``, which Python
    builds in C about twice as fast as the JSON text (4 ms against 9 ms for the templates of
    the 1,000-resource benchmark app). The words are plain ASCII, spelled alike in both."""
    try:
        text = repr(template)
    except RecursionError:
        return True  # cannot tell cheaply: walk the template
    return any(word in text for word in words)


def _special_keys(template: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """``(logical id or "", key, value)`` of every ``Fn::Transform`` and ``Fn::ForEach::``."""
    if not _mentions(template, "Fn::Transform", FOR_EACH_PREFIX):
        return
    resources = template.get("Resources")
    for section, content in template.items():
        if section in ("Transform", "Metadata"):
            continue
        pending: list[tuple[str, Any]] = [("", content)]
        if section == "Resources" and isinstance(resources, dict):
            pending = [(str(k), v) for k, v in resources.items()]
            for key, value in resources.items():
                if isinstance(key, str) and key.startswith(FOR_EACH_PREFIX):
                    yield "", key, value
            pending = [(k, v) for k, v in pending if not k.startswith(FOR_EACH_PREFIX)]
        while pending:
            owner, node = pending.pop()
            if isinstance(node, list):
                pending.extend((owner, item) for item in node)
            elif isinstance(node, dict):
                for key, value in node.items():
                    if key == "Fn::Transform" or (
                        isinstance(key, str) and key.startswith(FOR_EACH_PREFIX)
                    ):
                        yield owner, key, value
                    else:
                        pending.append((owner, value))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
