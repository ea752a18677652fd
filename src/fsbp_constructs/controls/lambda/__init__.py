"""AWS Lambda: Lambda.1, Lambda.2, Lambda.5."""

from __future__ import annotations

import re
from typing import Any

from ...engine.model import Resource, Target
from ...engine.registry import Parameter, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, Unresolved
from .._policy import Statement, outside, outside_verdict, raw, shape_of
from .._subnets import BY_ID as _ID
from .._subnets import BY_INDEX as _INDEX
from .._subnets import BY_NAME as _NAME
from .._subnets import zone_of_subnet

__all__ = ["DEPRECATED_BY_2026_11", "SECURITY_HUB_RUNTIMES", "SUPPORTED_RUNTIMES"]

# --------------------------------------------------------------------------- Lambda.1

_PERMISSION = "AWS::Lambda::Permission"
#: Resources through which a permission can name a function (a qualified ARN).
_QUALIFIERS = ("AWS::Lambda::Alias", "AWS::Lambda::Version")
_ONE_FIX = (
    "remove the AWS::Lambda::Permission that allows every principal, or narrow it with "
    "SourceAccount, SourceArn or PrincipalOrgID (fixed values, no wildcard); an S3 "
    "permission needs SourceAccount; a function URL needs FunctionUrlAuthType AWS_IAM"
)


def _permissions(function: Resource, ctx: RuleContext) -> list[Target]:
    """The permissions of the app that name the function: by `Ref`/`Fn::GetAtt` of it (or of
    an alias or version of it), or by its literal name or ARN."""
    found: dict[tuple[int, str], Target] = {}
    pointers = [function]
    for reference in ctx.app.referrers(function, *_QUALIFIERS):
        pointers.append(reference.source)  # type: ignore[arg-type]
    for pointer in pointers:
        for reference in ctx.app.referrers(pointer, _PERMISSION):
            if _in_function_name(reference.path):
                source = reference.source
                found[(id(source.stack), source.logical_id)] = source
    name = raw(function.props, "FunctionName")
    if isinstance(name, str):
        by_name = ctx.app.memo("Lambda.1 permissions by name", lambda: _by_name(ctx))
        for target in by_name.get(name, []):
            found[(id(target.stack), target.logical_id)] = target
    return list(found.values())


def _in_function_name(path: str) -> bool:
    """Whether a reference's path is in ``FunctionName`` (a ``Ref`` there, or inside an
    ``Fn::Join``, ``Fn::Select`` or ``Fn::If`` of it)."""
    return path.split(".")[0].split("[")[0] == "FunctionName"


_NAMED = re.compile(r"^(?:arn:[^:]+:lambda:[^:]*:[^:]*:function:)?([^:]+)(?::[^:]+)?$")


def _by_name(ctx: RuleContext) -> dict[str, list[Target]]:
    index: dict[str, list[Target]] = {}
    for permission in ctx.app.resources(_PERMISSION):
        name = raw(permission.props, "FunctionName")
        match = _NAMED.match(name) if isinstance(name, str) else None
        if match:
            index.setdefault(match.group(1), []).append(permission)
    return index


def _statement(permission: Target) -> Statement:
    """The policy statement a permission adds to the function's resource policy."""
    props = permission.props
    principal = raw(props, "Principal")
    if isinstance(principal, str) and principal != "*":
        key = "Service" if principal.endswith(".amazonaws.com") else "AWS"
        principal = {key: principal}
    condition: dict[str, dict[str, Any]] = {}
    for prop_name, operator, key in (
        ("SourceAccount", "StringEquals", "AWS:SourceAccount"),
        ("SourceArn", "ArnLike", "AWS:SourceArn"),
        ("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"),
    ):
        value = raw(props, prop_name)
        if value is not None:
            condition.setdefault(operator, {})[key] = value
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": principal}
    if condition:
        statement["Condition"] = condition
    return Statement(statement, permission.logical_id, permission.stack)


def _public(permission: Target) -> str | None:
    """Why a permission makes the function public, else ``None``."""
    props = permission.props
    principal = props.get("Principal")
    where = f"{permission.logical_id}"
    if principal == "*" and props.get("FunctionUrlAuthType") == "NONE":
        return f"{where} opens a function URL without authentication to every principal"
    if principal == "s3.amazonaws.com":
        account = raw(props, "SourceAccount")
        if account is None:
            return f"{where} lets Amazon S3 invoke the function without a SourceAccount"
        shape = shape_of(account, f"{where}.SourceAccount", permission.stack)
        if "*" in shape or "?" in shape:
            return f"{where} lets Amazon S3 invoke the function for any account"
        return None
    if _statement(permission).is_public():
        return f"{where} allows every principal, with no fixed source or organization condition"
    return None


def _function_names(ctx: RuleContext) -> frozenset[str]:
    """The literal ``FunctionName`` of every function of the app (indexed once per app)."""
    names = (raw(f.props, "FunctionName") for f in ctx.app.resources("AWS::Lambda::Function"))
    return frozenset(n for n in names if isinstance(n, str))


def _names_app_function(name: str, ctx: RuleContext) -> bool:
    match = _NAMED.match(name)
    names = ctx.app.memo("Lambda.1 function names", lambda: _function_names(ctx))
    return match is not None and match.group(1) in names


def _is_app_function(target: Target, ctx: RuleContext) -> bool:
    """A function of the app, or an alias or version of one (as :func:`_permissions` finds
    them from the function's side)."""
    if target.type == "AWS::Lambda::Function":
        return True
    return target.type in _QUALIFIERS and any(
        t.type == "AWS::Lambda::Function" for _, t in ctx.app.pointed(target, "FunctionName")
    )


def _permission_verdict(permission: Target, path: str) -> Verdict:
    """FAIL when the permission makes the function public (``path`` names its principal)."""
    why = _public(permission)
    if why is None:
        return Verdict.passed()
    return Verdict(
        Status.FAIL, path=path, found=raw(permission.props, "Principal"), fix=_ONE_FIX, reason=why
    )


@rule("Lambda.1", "AWS::Lambda::Function", fix=_ONE_FIX, policy_types=[_PERMISSION])
def function_policy_is_not_public(function: Resource, ctx: RuleContext) -> Verdict:
    """No `AWS::Lambda::Permission` of the app that names the function (by `Ref` or
    `Fn::GetAtt` of it or of one of its aliases or versions, also inside an `Fn::Join`,
    `Fn::Select` or `Fn::If`, or by its literal name or ARN) allows `Principal` `*` unless a
    fixed `SourceAccount`, `SourceArn` or `PrincipalOrgID` narrows it; a function URL
    permission with `FunctionUrlAuthType` `NONE` fails whatever its conditions; an
    `s3.amazonaws.com` permission without a fixed `SourceAccount` fails (an S3 bucket ARN
    names no account). Other service principals and account principals pass. A permission
    whose principal or condition the template cannot decide is UNKNOWN unless another one
    already fails. A permission on a function that is not in the template (a parameter, an
    import, a name no function of the app has) is judged on its own, on the permission: one
    that makes the function public fails; any other is UNKNOWN, since a permission adds to
    the function's policy and the rest of it is not in the template. Permissions created
    outside the app (other stacks, the API) are not seen.
    """
    if function.type == _PERMISSION:
        target = Target(function.stack, function.logical_id, function.type, function.props)
        targets = outside(
            function,
            ctx,
            "FunctionName",
            lambda t: _is_app_function(t, ctx),
            lambda name: _names_app_function(name, ctx),
        )
        return outside_verdict(
            function,
            targets,
            "function",
            lambda: _permission_verdict(target, "Principal"),
            replaces=False,
        )
    undecided = Undecided()
    for permission in _permissions(function, ctx):
        with undecided.kept():
            verdict = _permission_verdict(permission, f"{permission.logical_id}.Principal")
            if verdict.status is Status.FAIL:
                return verdict
    undecided.reraise()
    return Verdict.passed()


# --------------------------------------------------------------------------- Lambda.2

#: Security Hub's `runtime` list for Lambda.2 (not customizable there), as its control page
#: lists it: read 2026-11-30 from a copy of docs.aws.amazon.com/securityhub/latest/userguide/
#: lambda-controls.html (the stored AWS page could not be read past Lambda.1).
SECURITY_HUB_RUNTIMES = (
    "dotnet8",
    "java25",
    "java21",
    "java17",
    "java11",
    "java8.al2",
    "nodejs24.x",
    "nodejs22.x",
    "nodejs20.x",
    "python3.14",
    "python3.13",
    "python3.12",
    "python3.11",
    "python3.10",
    "ruby3.4",
    "ruby3.3",
    "ruby3.2",
)

#: Runtimes of Security Hub's list that Lambda had deprecated by 2026-11-30, with the date
#: (Lambda runtimes page, docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, as
#: quoted in copies checked 2026-07 to 2026-10 and on endoflife.date; the stored AWS page
#: could not be read past its introduction).
DEPRECATED_BY_2026_11 = {
    "ruby3.2": "2026-03-31",
    "nodejs20.x": "2026-04-30",
    "python3.10": "2026-10-31",
    "dotnet8": "2026-11-10",
}

#: Runtimes that pass by default: Security Hub's list without the runtimes Lambda has
#: deprecated (conservative: Security Hub updates its list after Lambda deprecates a
#: runtime). Runtimes Lambda supports that the list does not hold (`dotnet10`, `ruby4.0`,
#: `java8.al2023`, `java11.al2023`, `java17.al2023`, the OS-only `provided.*`) fail, as
#: they would in Security Hub: give the `runtime` parameter to pass them.
SUPPORTED_RUNTIMES = tuple(r for r in SECURITY_HUB_RUNTIMES if r not in DEPRECATED_BY_2026_11)

_RUNTIME = re.compile(r"^(nodejs|python|java|dotnet|dotnetcore|ruby|go|provided)[0-9a-z.]*$")


def _runtimes(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise ValueError(
            f"must be a non-empty list of Lambda runtime identifiers (e.g. ['python3.13', "
            f"'nodejs22.x']), not {value!r}"
        )
    for item in value:
        if not isinstance(item, str) or not _RUNTIME.match(item):
            raise ValueError(
                f"must hold Lambda runtime identifiers (nodejs22.x, python3.13, java21, "
                f"dotnet10, ruby3.4, ...); {item!r} in {value!r} is not one"
            )
    return tuple(value)


@rule(
    "Lambda.2",
    "AWS::Lambda::Function",
    parameters=[
        Parameter(
            "runtime",
            default=SUPPORTED_RUNTIMES,
            description=(
                "The runtimes that pass (default: Security Hub's list, not customizable "
                "there, without the runtimes Lambda had deprecated by 2026-11-30)."
            ),
            parse=_runtimes,
        )
    ],
    fix="set Runtime to a supported runtime (the latest of the function's language)",
)
def function_uses_supported_runtime(function: Resource, ctx: RuleContext) -> Verdict:
    """`Runtime` is one of the `runtime` parameter's runtimes. Functions whose `PackageType`
    is `Image` are not applicable (the image carries its runtime). An absent `Runtime` on a
    .zip function is UNKNOWN (CloudFormation requires one). The default is Security Hub's list
    (`dotnet8`, `java25`, `java21`, `java17`, `java11`, `java8.al2`, `nodejs24.x`,
    `nodejs22.x`, `nodejs20.x`, `python3.10` to `python3.14`, `ruby3.2` to `ruby3.4`; not
    customizable in Security Hub; checked on 2026-11-30 against a copy of its control page)
    without the runtimes Lambda had deprecated by 2026-11-30 (conservative: Security Hub may
    still list them): `ruby3.2` (2026-03-31), `nodejs20.x` (2026-04-30), `python3.10`
    (2026-10-31) and `dotnet8` (2026-11-10), per the Lambda runtimes page
    (lambda-runtimes.html, as quoted in copies checked 2026-07 to 2026-10; the AL2 Java
    runtimes `java8.al2`, `java11`, `java17` are deprecated on 2027-06-30, so they pass
    until then). Runtimes the list does not hold
    fail, as in Security Hub: `dotnet10`, `ruby4.0`, the `.al2023` Java runtimes and the
    OS-only runtimes (`provided.al2023`); give the parameter to pass them.
    """
    if function.props.get("PackageType") == "Image":
        return Verdict.not_applicable("a container image function (PackageType Image)")
    runtime = function.props.get("Runtime")
    allowed = ctx.param("runtime")
    if runtime is None:
        raise Undecidable("Runtime", "the runtime of a .zip function that names none")
    if runtime in allowed:
        return Verdict.passed()
    return Verdict.failed(
        "Runtime", runtime, f"set Runtime to one of {', '.join(allowed)} (runtime parameter)"
    )


# --------------------------------------------------------------------------- Lambda.5


@rule(
    "Lambda.5",
    "AWS::Lambda::Function",
    fix="list subnets of at least two Availability Zones in VpcConfig.SubnetIds",
)
def vpc_function_spans_zones(function: Resource, ctx: RuleContext) -> Verdict:
    """A function with `VpcConfig.SubnetIds` has subnets in at least two distinct
    Availability Zones, read from the `AWS::EC2::Subnet` resources of the app (as
    AutoScaling.2 reads them). Functions outside a VPC (no `VpcConfig` or no subnets) are
    not applicable. UNKNOWN when a zone cannot be read and the known ones do not suffice.
    """
    subnets = function.props.shallow("VpcConfig.SubnetIds")
    if subnets is None or subnets == []:
        return Verdict.not_applicable("the function is not connected to a VPC")
    if isinstance(subnets, Unresolved) or not isinstance(subnets, list):
        raise Undecidable(
            "VpcConfig.SubnetIds",
            subnets.reason if isinstance(subnets, Unresolved) else f"{subnets!r}",
        )
    zones: dict[str, set[str]] = {_NAME: set(), _ID: set(), _INDEX: set()}
    undecided: Undecidable | None = None
    for subnet in subnets:
        try:
            kind, zone = zone_of_subnet(function, ctx, subnet, "VpcConfig.SubnetIds")
        except Undecidable as error:
            undecided = undecided or error
            continue
        zones[kind].add(zone)
    fewest = max(len(z) for z in zones.values())
    if fewest >= 2:
        return Verdict.passed()
    if undecided is not None:
        raise undecided
    if sum(len(z) for z in zones.values()) >= 2:
        raise Undecidable(
            "VpcConfig.SubnetIds",
            "whether zones named in different ways (name, id, Fn::GetAZs index) coincide",
        )
    return Verdict.failed(
        "VpcConfig.SubnetIds",
        sorted(set().union(*zones.values())),
        "add a subnet of another Availability Zone to VpcConfig.SubnetIds",
    )
