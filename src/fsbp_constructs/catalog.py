"""The FSBP control catalog: every control of the standard, as shipped data.

The table comes from ``data/fsbp-controls.csv`` (all FSBP controls as of late 2026, plus
the retired controls this package can still check). It is plain data: whether a control is
implemented, and what it checks, is in :mod:`fsbp_constructs.controls`, which builds on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "CATALOG",
    "CONFIG_TO_CLOUDFORMATION",
    "Control",
    "Decidability",
    "Severity",
    "control",
    "unknown_control_message",
]


class Severity(enum.IntEnum):
    """Security Hub severity labels, ordered so that ``>=`` means "at least as severe"."""

    INFORMATIONAL = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """``"high"``, ``"HIGH"`` or ``Severity.HIGH`` -> ``Severity.HIGH``; else ValueError."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            choices = ", ".join(s.name for s in cls)
            raise ValueError(f"unknown severity {value!r}; choose one of: {choices}") from None


class Decidability(enum.Enum):
    """How far a template alone decides the control (this project's assessment, not AWS's)."""

    YES = "Y"
    PARTLY = "P"
    NO = "N"


_DOCS = "https://docs.aws.amazon.com/securityhub/latest/userguide"

#: The catalog names resource types as AWS Config and Security Hub do; where that name is not
#: the CloudFormation type that creates the resource, this is the one table of the types it
#: stands for. Any other name is its own CloudFormation type.
CONFIG_TO_CLOUDFORMATION: dict[str, tuple[str, ...]] = {
    "AWS::ACM::Certificate": ("AWS::CertificateManager::Certificate",),
    # Config records Aurora, DocumentDB and Neptune clusters alike as RDS clusters.
    "AWS::RDS::DBCluster": (
        "AWS::RDS::DBCluster",
        "AWS::DocDB::DBCluster",
        "AWS::Neptune::DBCluster",
    ),
    "AWS::OpenSearch::Domain": ("AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"),
    # Config's IAM policy is a customer managed policy; inline policies are other types.
    "AWS::IAM::Policy": ("AWS::IAM::ManagedPolicy",),
    # DAX clusters (DynamoDB.7) are recorded under the table's type in the control table.
    "AWS::DynamoDB::Table": (
        "AWS::DynamoDB::Table",
        "AWS::DynamoDB::GlobalTable",
        "AWS::DAX::Cluster",
    ),
    # The account-level EBS snapshot setting, which CloudFormation creates as its own resource.
    "AWS::::Account (EBS snapshot BPA)": ("AWS::EC2::SnapshotBlockPublicAccess",),
}


@dataclass(frozen=True)
class Control:
    """One Security Hub FSBP control, spelled as Security Hub spells it (``Opensearch.7``)."""

    id: str
    title: str
    severity: Severity
    resource_types: tuple[str, ...]
    config_rule: str
    decidability: Decidability
    retired_on: dt.date | None

    @property
    def service(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def active(self) -> bool:
        return self.retired_on is None

    @property
    def status(self) -> str:
        """``active`` or ``retired YYYY-MM-DD``."""
        return "active" if self.retired_on is None else f"retired {self.retired_on.isoformat()}"

    @functools.cached_property
    def cloudformation_types(self) -> tuple[str, ...]:
        """:attr:`resource_types` as CloudFormation names them (:data:`CONFIG_TO_CLOUDFORMATION`;
        the table's footnote marks ``*`` and notes in brackets dropped)."""
        out: list[str] = []
        for name in self.resource_types:
            bare = name.rstrip("*").strip()
            if bare not in CONFIG_TO_CLOUDFORMATION:
                bare = bare.split(" (", 1)[0].rstrip("*").strip()
            for type_name in CONFIG_TO_CLOUDFORMATION.get(bare, (bare,)):
                if type_name not in out:
                    out.append(type_name)
        return tuple(out)

    @functools.cached_property
    def rule_id(self) -> str:
        """The rule id used by the cdk-nag pack: ``FSBP-ECR.1``."""
        return f"FSBP-{self.id}"

    @functools.cached_property
    def acknowledgment_ids(self) -> tuple[str, ...]:
        """The ids an acknowledgment of this control may carry: CDK's ``FSBP::FSBP-ECR.1``
        first, then cdk-nag's ``FSBP-ECR.1`` as written and as CDK stores it in construct
        metadata (``Annotation::FSBP-ECR.1``)."""
        return (f"FSBP::{self.rule_id}", self.rule_id, f"Annotation::{self.rule_id}")

    @functools.cached_property
    def doc_url(self) -> str:
        """The control's section of the Security Hub user guide."""
        service = self.service.lower()
        return f"{_DOCS}/{service}-controls.html#{self.id.lower().replace('.', '-')}"


def _parse_row(row: dict[str, str]) -> Control:
    status = row["status"].strip()
    retired_on = None
    if status.startswith("retired-"):
        retired_on = dt.date.fromisoformat(status.removeprefix("retired-"))
    elif status != "active":
        raise ValueError(f"control {row['control_id']}: unknown status {status!r}")
    types = tuple(t.strip() for t in row["resource_types"].split(" / ") if t.strip())
    return Control(
        id=row["control_id"].strip(),
        title=row["title"].strip(),
        severity=Severity.parse(row["severity"]),
        resource_types=types,
        config_rule=row["config_rule"].strip(),
        decidability=Decidability(row["template_decidable"].strip()),
        retired_on=retired_on,
    )


@functools.cache
def _load() -> dict[str, Control]:
    text = resources.files("fsbp_constructs.data").joinpath("fsbp-controls.csv").read_text("utf-8")
    controls = [_parse_row(row) for row in csv.DictReader(io.StringIO(text))]
    return {c.id: c for c in controls}


#: Every control in the shipped table, keyed by control id (case-sensitive, as in Security Hub).
CATALOG: dict[str, Control] = _load()


def control(control_id: str) -> Control:
    """Look a control up by id; an unknown id raises with the closest ids as a hint."""
    try:
        return CATALOG[control_id]
    except KeyError:
        raise ValueError(unknown_control_message(control_id, CATALOG)) from None


def unknown_control_message(control_id: str, known: dict[str, Control] | list[str]) -> str:
    """The error text for an unknown ``control_id``: the closest ids of ``known`` as a hint."""
    import difflib

    ids = list(known)
    close = difflib.get_close_matches(control_id, ids, n=3, cutoff=0.6)
    folded = [i for i in ids if i.lower() == control_id.lower()]
    hint = f"; did you mean {', '.join(folded or close)}?" if (folded or close) else ""
    return (
        f"unknown control id {control_id!r}{hint} (control ids are case-sensitive, "
        "as in Security Hub: 'ECR.1', 'Opensearch.7')"
    )
