"""Limits on what is read, and the one place that reads input files.

A checker that runs on every pull request must not hang on a small file, fill the memory, or
follow a path out of the directory it was given. Each limit is a named constant; going past
one is an :class:`InputError` (one line naming the file, the limit and the fix), never a
silent pass. docs/cli.md ("What it refuses and why") explains each of them.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_CONFIG_BYTES",
    "MAX_FILE_BYTES",
    "MAX_FOREACH_KEYS",
    "MAX_STAGE_DEPTH",
    "MAX_YAML_ALIAS_NODES",
    "InputError",
    "NotFiniteNumber",
    "first_not_finite",
    "inside",
    "read_bytes",
]

#: The largest template, manifest or metadata file read (CloudFormation itself takes
#: templates of at most 1 MB; CDK's metadata files are larger, but not by this much).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The largest configuration file (``pyproject.toml``, ``--config FILE``) read.
MAX_CONFIG_BYTES = 1024 * 1024
#: How many nodes YAML aliases (``*name``) may stand for in one file, each use counted with
#: everything under it. A few aliases nested in each other ("billion laughs") stand for
#: billions of nodes; ordinary templates use a handful of small anchors.
MAX_YAML_ALIAS_NODES = 100_000
#: How deep stages (nested cloud assemblies) may be nested in a ``cdk.out``.
MAX_STAGE_DEPTH = 32
#: How many keys all the ``Fn::ForEach`` loops of one template may produce together
#: (CloudFormation allows 500 resources per template).
MAX_FOREACH_KEYS = 10_000


class InputError(Exception):
    """A file or directory that cannot be checked; the message names it and the problem."""


class NotFiniteNumber:
    """A number no CloudFormation template can hold (``NaN``, ``Infinity``, ``.inf``,
    ``1e999``), as written; the parsers put it in the tree only to find where it is."""

    __slots__ = ("at", "text")

    def __init__(self, text: str, at: str = "") -> None:
        self.text = text
        self.at = at  # where in the file, when the parser knows: " (line 6, column 60)"

    def __repr__(self) -> str:
        return self.text


def first_not_finite(tree: Any) -> tuple[str, NotFiniteNumber] | None:
    """The path (``Resources.R.Properties.Ports[0]``) and value of the first
    :class:`NotFiniteNumber` in ``tree``, in document order; ``None`` when there is none."""
    pending: list[tuple[str, Any]] = [("", tree)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, NotFiniteNumber):
            return path, node
        if isinstance(node, dict):
            children = [(f"{path}.{k}" if path else str(k), v) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(node)]
        else:
            continue
        pending.extend(reversed(children))
    return None


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symbolic links followed) is ``root`` or under it."""
    return path.resolve().is_relative_to(root.resolve())


def read_bytes(
    path: Path,
    *,
    limit: int = MAX_FILE_BYTES,
    regular_only: bool = True,
    what: str = "file",
) -> bytes:
    """The content of ``path``, read without blocking on a FIFO and never past ``limit``.

    With ``regular_only`` (every path a cloud assembly names) only regular files are read;
    otherwise a pipe is read too (``fsbp-check <(cat t.yaml)``), but never a device such as
    ``/dev/zero``. Raises :class:`InputError` naming the path and the problem.
    """
    try:
        # O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory, not a {what}")
        pipe = stat.S_ISFIFO(mode)
        if not stat.S_ISREG(mode) and (regular_only or not pipe):
            raise InputError(
                f"{path}: not a regular file (a device, socket or pipe); give a {what} "
                "that is a regular file"
            )
        if pipe:
            os.set_blocking(fd, True)  # a pipe the user gave: wait for its writer
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError(
                f"{path}: larger than {limit // (1024 * 1024)} MiB, the most fsbp-constructs "
                f"reads for a {what}"
            )
        return b"".join(chunks)
    except OSError as error:
        if error.errno == errno.EAGAIN:  # a FIFO opened without a writer
            raise InputError(f"{path}: a pipe with nothing to read") from None
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    finally:
        os.close(fd)
