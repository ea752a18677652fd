"""Amazon ECR: ECR.1, ECR.2, ECR.3."""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass

from ...engine.checks import FAILS, control, prop
from ...engine.model import App, Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Verdict, rule
from ...engine.values import Undecidable


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {value!r}")


_SCANNING_FREQUENCIES = ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")


@dataclass(frozen=True)
class _RegistryScanning:
    """What every registry scanning rule of the app says, read once per app."""

    everything: bool
    patterns: list[str]
    #: One expression for every wildcard filter (``fnmatch``): one match per repository.
    matcher: re.Pattern[str] | None
    #: The first rule the template cannot decide (its frequency or filter).
    undecided: Undecidable | None


def _registry_scanning(app: App) -> _RegistryScanning:
    patterns: list[str] = []
    undecided: Undecidable | None = None
    for registry in app.resources("AWS::ECR::RegistryScanningConfiguration"):
        try:
            rules = list(registry.props.items("Rules"))
        except Undecidable as error:
            undecided = undecided or error
            continue
        for scan_rule in rules:
            try:
                if scan_rule.get("ScanFrequency") not in _SCANNING_FREQUENCIES:
                    continue
                for repo_filter in scan_rule.items("RepositoryFilters"):
                    pattern = repo_filter.get("Filter")
                    if isinstance(pattern, str):
                        patterns.append(pattern)
            except Undecidable as error:
                undecided = undecided or error
    if "*" in patterns:
        return _RegistryScanning(True, patterns, None, None)
    matcher = (
        re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns)) if patterns else None
    )
    return _RegistryScanning(False, patterns, matcher, undecided)


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
    fix="set ImageScanningConfiguration.ScanOnPush to true, or declare the account's "
    "registry scanning with the ECR.1 parameter registryScanningConfigured",
    remedy=Remedy(
        {"ImageScanningConfiguration.ScanOnPush": True},
        safe=True,
        breaks="Nothing. Basic scanning has no charge and only reports findings.",
    ),
)
def repository_scans_images(repo: Resource, ctx: RuleContext) -> Verdict:
    """`ImageScanningConfiguration.ScanOnPush` is true, or an
    `AWS::ECR::RegistryScanningConfiguration` in the app has a `SCAN_ON_PUSH` or
    `CONTINUOUS_SCAN` rule whose wildcard filter matches the repository name, or the
    `registryScanningConfigured` parameter declares such a rule for the account. Absent
    `ScanOnPush` means false. A registry rule whose frequency or filter the template cannot
    decide, or a filter against a generated repository name, is UNKNOWN.
    """
    if repo.props.get("ImageScanningConfiguration.ScanOnPush") in (True, "true"):
        return Verdict.passed()
    if ctx.param("registryScanningConfigured"):
        return Verdict.passed(
            "registry-level scanning declared by the registryScanningConfigured parameter"
        )
    scanning = ctx.app.memo("ECR.1 registry scanning", lambda: _registry_scanning(ctx.app))
    if scanning.everything:
        return Verdict.passed("a registry scanning rule matches every repository")
    if scanning.patterns:
        name = repo.props.shallow("RepositoryName")
        if not isinstance(name, str):
            why = "generated at deploy time" if name is None else "unresolved"
            raise Undecidable(
                "RepositoryName",
                f"a registry scanning rule filters on {scanning.patterns[0]!r} but the "
                f"repository name is {why}",
            )
        assert scanning.matcher is not None
        if scanning.matcher.match(name):
            return Verdict.passed("a registry scanning rule's filter matches the name")
    if scanning.undecided is not None:
        raise scanning.undecided
    return Verdict.failed(
        "ImageScanningConfiguration.ScanOnPush",
        repo.props.get("ImageScanningConfiguration.ScanOnPush"),
        "set ImageScanningConfiguration.ScanOnPush to true, or declare the account's "
        "registry scanning with the ECR.1 parameter registryScanningConfigured",
    )


control(
    "ECR.2",
    "AWS::ECR::Repository",
    check=prop("ImageTagMutability", absent="MUTABLE").equals("IMMUTABLE"),
    fix="set ImageTagMutability to IMMUTABLE",
    note="`IMMUTABLE_WITH_EXCLUSION` fails: tags matching an exclusion can still move "
    "(open question: conservative verdict).",
    remedy=Remedy(
        {"ImageTagMutability": "IMMUTABLE", "ImageTagMutabilityExclusionFilters": None},
        safe=False,
        breaks="Pushing an existing tag again fails: pipelines that move `latest` or an "
        "environment tag must push new tags instead.",
    ),
)


#: The lifecycle policy ECR.3's remedy writes: untagged images expire after 30 days.
UNTAGGED_EXPIRY_POLICY = json.dumps(
    {
        "rules": [
            {
                "rulePriority": 1,
                "description": "Expire untagged images after 30 days",
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": 30,
                },
                "action": {"type": "expire"},
            }
        ]
    },
    separators=(",", ":"),
)

control(
    "ECR.3",
    "AWS::ECR::Repository",
    check=prop("LifecyclePolicy.LifecyclePolicyText", absent=FAILS).not_empty(),
    fix="set LifecyclePolicy.LifecyclePolicyText to a lifecycle policy with at least one rule "
    "(expire untagged images after some days, say)",
    note="The policy's rules are not judged: any non-empty policy text passes. A policy put "
    "on the repository outside the template (console, API) is not seen: the repository fails "
    "(conservative).",
    remedy=Remedy(
        {"LifecyclePolicy.LifecyclePolicyText": UNTAGGED_EXPIRY_POLICY},
        safe=False,
        breaks="Untagged images older than 30 days are deleted: anything that pulls an "
        "untagged image by its digest (a task definition or function pinned to a digest whose "
        "tag has moved) can no longer pull it.",
    ),
)
