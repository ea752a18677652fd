"""How the secure constructs combine their defaults with what the caller gives, and how they
take the typed keyword arguments of the aws-cdk-lib class they build on."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def merge_defaults(defaults: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` over ``defaults``; ``None`` means "not given", as it does for aws-cdk-lib."""
    return {**defaults, **{k: v for k, v in given.items() if v is not None}}


def same_props_as(
    l2: Callable[P, object],
) -> Callable[[Callable[..., None]], Callable[Concatenate[Any, P], None]]:
    """Give an ``__init__`` written as ``(self, scope, id, **props)`` the parameters of ``l2``.

    For type checkers and editors the decorated ``__init__`` takes exactly what ``l2`` (an
    aws-cdk-lib class) takes, each keyword with its type: ``mypy --strict`` rejects a misspelt
    or mistyped prop. At run time the function is unchanged; its ``__signature__`` becomes
    ``l2``'s, so ``help()`` and ``inspect.signature`` show the real parameters.

    Example::

        class SecureRepository(ecr.Repository):
            @same_props_as(ecr.Repository)
            def __init__(self, scope: Construct, id: str, **props: Any) -> None: ...
    """

    def decorate(init: Callable[..., None]) -> Callable[Concatenate[Any, P], None]:
        init.__signature__ = _signature(l2, with_self=True)  # type: ignore[attr-defined]
        return init

    return decorate


def same_args_as(l2: Callable[P, object]) -> Callable[[Callable[..., T]], Callable[P, T]]:
    """:func:`same_props_as` for a function that builds an aws-cdk-lib object: its callers see
    the parameters of ``l2``'s constructor."""

    def decorate(function: Callable[..., T]) -> Callable[P, T]:
        function.__signature__ = _signature(l2, with_self=False).replace(  # type: ignore[attr-defined]
            return_annotation=inspect.signature(function).return_annotation
        )
        return function

    return decorate


def _signature(l2: Callable[..., object], *, with_self: bool) -> inspect.Signature:
    """The parameters of ``l2``'s constructor (jsii classes hide them behind a metaclass)."""
    init = l2.__init__ if isinstance(l2, type) else l2  # type: ignore[misc]
    signature = inspect.signature(init)
    params = list(signature.parameters.values())
    if isinstance(l2, type) and not with_self:
        params = params[1:]
    return signature.replace(parameters=params, return_annotation=None)
