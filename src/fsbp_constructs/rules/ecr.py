"""Amazon ECR: ECR.1, ECR.2."""

from __future__ import annotations

import fnmatch

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import Unresolved, get


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {value!r}")


_SCANNING_FREQUENCIES = ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")


@rule(
    "ECR.1",
    "AWS::ECR::Repository",
    parameters=[
        Parameter(
            "registryScanningConfigured",
            default=False,
            description=(
                "The account's registry-level scanning configuration (deployed elsewhere) "
                "scans every repository on push or continuously: every repository passes."
            ),
            parse=_flag,
        )
    ],
)
def repository_scans_images(repo: Resource, ctx: RuleContext) -> Verdict:
    """`ImageScanningConfiguration.ScanOnPush` is true, or an
    `AWS::ECR::RegistryScanningConfiguration` in the app has a `SCAN_ON_PUSH` or
    `CONTINUOUS_SCAN` rule whose wildcard filter matches the repository name, or the
    `registryScanningConfigured` parameter declares such a rule for the account.

    Absent `ScanOnPush` means false.
    """
    if get(repo.properties, "ImageScanningConfiguration.ScanOnPush") in (True, "true"):
        return Verdict.passed()
    if ctx.param("registryScanningConfigured"):
        return Verdict.passed(
            "registry-level scanning declared by the registryScanningConfigured parameter"
        )
    name = repo.properties.get("RepositoryName")
    undecided = None
    for stack, _, definition in ctx.app.resources("AWS::ECR::RegistryScanningConfiguration"):
        config = stack.resolve(definition.get("Properties") or {})
        for scan_rule in config.get("Rules") or [] if isinstance(config, dict) else []:
            if (
                not isinstance(scan_rule, dict)
                or scan_rule.get("ScanFrequency") not in _SCANNING_FREQUENCIES
            ):
                continue
            for repo_filter in scan_rule.get("RepositoryFilters") or []:
                pattern = repo_filter.get("Filter") if isinstance(repo_filter, dict) else None
                if pattern == "*":
                    return Verdict.passed("a registry scanning rule matches every repository")
                if isinstance(name, str) and isinstance(pattern, str):
                    if fnmatch.fnmatchcase(name, pattern):
                        return Verdict.passed(f"registry scanning rule {pattern!r} matches")
                elif isinstance(pattern, str):
                    undecided = pattern
    if undecided is not None:
        why = (
            "generated at deploy time"
            if name is None or isinstance(name, Unresolved)
            else "unresolved"
        )
        return Verdict.unknown(
            f"a registry scanning rule filters on {undecided!r} but the repository name is {why}",
            path="RepositoryName",
            fix="set RepositoryName, or turn on ImageScanningConfiguration.ScanOnPush",
        )
    return Verdict.failed(
        "ImageScanningConfiguration.ScanOnPush",
        get(repo.properties, "ImageScanningConfiguration.ScanOnPush"),
        "set ImageScanningConfiguration.ScanOnPush to true (SecureRepository does), or declare "
        "the account's registry scanning with the ECR.1 parameter registryScanningConfigured",
    )


@rule("ECR.2", "AWS::ECR::Repository")
def repository_tags_are_immutable(repo: Resource, ctx: RuleContext) -> Verdict:
    """`ImageTagMutability` is `IMMUTABLE`. Absent means `MUTABLE`;
    `IMMUTABLE_WITH_EXCLUSION` fails (open question: conservative verdict).
    """
    mutability = get(repo.properties, "ImageTagMutability")
    if mutability == "IMMUTABLE":
        return Verdict.passed()
    return Verdict.failed(
        "ImageTagMutability",
        mutability,
        "set ImageTagMutability to IMMUTABLE (SecureRepository does); tags with exclusions "
        "are not counted as immutable",
    )
