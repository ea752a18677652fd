"""AWS Elastic Beanstalk: ElasticBeanstalk.1, ElasticBeanstalk.3."""

from __future__ import annotations

from typing import Any

from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, as_bool

_ENVIRONMENT = "AWS::ElasticBeanstalk::Environment"
HEALTH = "aws:elasticbeanstalk:healthreporting:system"
LOGS = "aws:elasticbeanstalk:cloudwatch:logs"


def option(environment: Resource, namespace: str, name: str) -> tuple[str, Any]:
    """``(path, value)`` of the `OptionSettings` item with this `Namespace` and `OptionName`
    (``value`` None: absent); raises :class:`Undecidable` when an item's keys or the value
    cannot be read."""
    undecided = Undecided()
    for item in environment.props.items("OptionSettings"):
        try:
            if item.get("Namespace") != namespace or item.get("OptionName") != name:
                continue
        except Undecidable as error:
            undecided.keep(error)
            continue
        return f"{item.path}.Value", item.get("Value")
    undecided.reraise()
    return f"OptionSettings[{namespace}:{name}]", None


_ONE_FIX = (
    f"add the OptionSettings item {{Namespace: {HEALTH}, OptionName: SystemType, Value: enhanced}}"
)


@rule(
    "ElasticBeanstalk.1",
    _ENVIRONMENT,
    fix=_ONE_FIX,
)
def environment_reports_enhanced_health(environment: Resource, ctx: RuleContext) -> Verdict:
    """The `OptionSettings` item of namespace `aws:elasticbeanstalk:healthreporting:system`
    and option `SystemType` has the value `enhanced`; absent means `basic` and fails.
    Settings from a saved configuration (`TemplateName`), a configuration template or the
    source bundle's `.ebextensions` are not read: an environment that leaves the option to
    them fails (open question: conservative verdict).
    """
    path, value = option(environment, HEALTH, "SystemType")
    if value is None:
        return Verdict(
            Status.FAIL,
            path=path,
            fix=_ONE_FIX,
            reason="absent means 'basic'",
        )
    if str(value).lower() == "enhanced":
        return Verdict.passed()
    return Verdict.failed(path, value)


_THREE_FIX = (
    f"add the OptionSettings item {{Namespace: {LOGS}, OptionName: StreamLogs, Value: true}}"
)


@rule(
    "ElasticBeanstalk.3",
    _ENVIRONMENT,
    fix=_THREE_FIX,
)
def environment_streams_logs(environment: Resource, ctx: RuleContext) -> Verdict:
    """The `OptionSettings` item of namespace `aws:elasticbeanstalk:cloudwatch:logs` and
    option `StreamLogs` is `true`; absent means `false` and fails. As for ElasticBeanstalk.1,
    settings outside the environment's `OptionSettings` are not read (conservative). The
    retention (`RetentionInDays`) and `DeleteOnTerminate` are not judged.
    """
    path, value = option(environment, LOGS, "StreamLogs")
    if value is None:
        return Verdict(
            Status.FAIL,
            path=path,
            fix=_THREE_FIX,
            reason="absent means 'false'",
        )
    flag = as_bool(value)
    if flag is None:
        raise Undecidable(path, f"a value that is not a boolean ({value!r})")
    if flag:
        return Verdict.passed()
    return Verdict.failed(path, value)
