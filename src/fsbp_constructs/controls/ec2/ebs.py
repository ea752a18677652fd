"""EBS volumes and block devices: EC2.3, EC2.173, EC2.181, EC2.182."""

from __future__ import annotations

from collections.abc import Callable

from ...engine.checks import FAILS, control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Kind, Undecidable, View, as_bool

# --------------------------------------------------------------------------- EBS in templates


_EBS_DEFAULT = "the account's EBS encryption by default in the Region"
_EC2_3_FIX = "set Encrypted to true (on the volume, or on each BlockDeviceMappings[].Ebs)"


def _volume_encryption(ebs: View) -> Verdict:
    """Whether the EBS volume ``ebs`` describes (an `AWS::EC2::Volume`'s properties or a
    block device's `Ebs`) is encrypted: `Encrypted` decides; absent, a `KmsKeyId` means
    encrypted (EC2 refuses a key for an unencrypted volume); else a `SnapshotId` leaves it to
    the snapshot and the account, and nothing to the account's encryption by default.
    Raises :class:`Undecidable` for an undecided value."""
    path = f"{ebs.path}.Encrypted" if ebs.path else "Encrypted"
    flag = as_bool(ebs.get("Encrypted"))
    if flag is not None:
        return (
            Verdict.passed() if flag else Verdict.failed(path, ebs.shallow("Encrypted"), _EC2_3_FIX)
        )
    if ebs.has("KmsKeyId"):
        return Verdict.passed("KmsKeyId is set: a volume with a KMS key is encrypted")
    if ebs.has("SnapshotId"):
        raise Undecidable(
            path,
            "absent: the snapshot's encryption (a volume of an encrypted snapshot is "
            f"encrypted) and {_EBS_DEFAULT} decide",
            Kind.ACCOUNT_DEFAULT,
        )
    raise Undecidable(path, f"absent: {_EBS_DEFAULT} decides", Kind.ACCOUNT_DEFAULT)


def _mapped_volumes(view: View, path: str, judge: Callable[[View], Verdict]) -> Verdict | None:
    """``judge`` on the `Ebs` of each `BlockDeviceMappings` item at ``path`` (mappings
    without `Ebs`, instance store or `NoDevice`, are skipped): the first FAIL, else the first
    undecided item (raised), else PASS; ``None`` when no item has an `Ebs`."""
    undecided = Undecided()
    seen = False
    for item in view.items(path):
        try:
            ebs = item.at("Ebs")
            if ebs is None:
                continue
            seen = True
            verdict = judge(ebs)
        except Undecidable as error:
            undecided.keep(error)
            continue
        if verdict.status is Status.FAIL:
            return verdict
    undecided.reraise()
    return Verdict.passed() if seen else None


_MAPPINGS = {
    "AWS::EC2::Instance": "BlockDeviceMappings",
    "AWS::EC2::LaunchTemplate": "LaunchTemplateData.BlockDeviceMappings",
}


@rule(
    "EC2.3",
    "AWS::EC2::Volume",
    "AWS::EC2::Instance",
    "AWS::EC2::LaunchTemplate",
    fix=_EC2_3_FIX,
    remedy=Remedy(
        {"Encrypted": True},
        safe=False,
        breaks="Changing Encrypted replaces an existing volume: its data is lost unless "
        "restored from a snapshot. KMS requests for the key are billed.",
    ),
)
def volumes_are_encrypted(resource: Resource, ctx: RuleContext) -> Verdict:
    """The EBS volumes the template creates are encrypted: an `AWS::EC2::Volume`, and the
    `Ebs` of each `BlockDeviceMappings` item of an `AWS::EC2::Instance` (reported on the
    instance) or of an `AWS::EC2::LaunchTemplate`'s `LaunchTemplateData` (reported once on
    the launch template, for every instance and Auto Scaling group launched from it).
    `Encrypted` true passes and false fails. Absent, a `KmsKeyId` passes (CloudFormation and
    EC2 require `Encrypted` true when a key is given, so a volume that deploys with one is
    encrypted); otherwise it is UNKNOWN: the account's EBS encryption by default (EC2.7)
    decides, and for a volume of a `SnapshotId` the snapshot's encryption too. An instance
    or launch template without EBS mappings is not applicable: its volumes are its AMI's (or
    its launch template's, judged on the template). Decided from the template: the volumes
    and block device mappings it declares; needs the account: EBS encryption by default,
    snapshots, and the AMI's own block devices that no mapping names (its root volume,
    unless a mapping names the root device).
    """
    path = _MAPPINGS.get(resource.type)
    if path is None:
        return _volume_encryption(resource.props)
    verdict = _mapped_volumes(resource.props, path, _volume_encryption)
    if verdict is None:
        return Verdict.not_applicable(f"no {path} item has an Ebs volume")
    return verdict


def _encrypted_flag(ebs: View) -> Verdict:
    """`Encrypted` is true; absent fails (what EC2.181 and EC2.173 read)."""
    found = ebs.shallow("Encrypted")
    if as_bool(ebs.get("Encrypted")) is True:
        return Verdict.passed()
    reason = None if found is not None else "absent: the account's default decides"
    return Verdict(Status.FAIL, path=f"{ebs.path}.Encrypted", found=found, reason=reason)


@rule(
    "EC2.181",
    "AWS::EC2::LaunchTemplate",
    fix="set LaunchTemplateData.BlockDeviceMappings[].Ebs.Encrypted to true",
)
def launch_template_encrypts_ebs(template: Resource, ctx: RuleContext) -> Verdict:
    """Every item of `LaunchTemplateData.BlockDeviceMappings` that has an `Ebs` sets
    `Ebs.Encrypted` to true. Absent `Encrypted` fails (conservative: the account's EBS
    encryption by default would still encrypt, and the Config rule does not say how it reads
    an absent value). A template without EBS mappings passes: it configures no volume, as the
    Config rule reads it (the AMI's own mappings are not seen). Unlike EC2.3, a `KmsKeyId`
    without `Encrypted` still fails: the control reads the template's `Encrypted` field, not
    the volume a launch creates, and the Config rule does not say how it reads a key alone
    (conservative). Decided from the template: the default version's mappings;
    needs the account: nothing (EBS encryption by default does not change the template).
    """
    verdict = _mapped_volumes(
        template.props, "LaunchTemplateData.BlockDeviceMappings", _encrypted_flag
    )
    return verdict or Verdict.passed()


_SPOT_SPECS = "SpotFleetRequestConfigData.LaunchSpecifications"


@rule(
    "EC2.173",
    "AWS::EC2::SpotFleet",
    fix=f"set {_SPOT_SPECS}[].BlockDeviceMappings[].Ebs.Encrypted to true",
)
def spot_fleet_encrypts_ebs(fleet: Resource, ctx: RuleContext) -> Verdict:
    """Every launch specification (`SpotFleetRequestConfigData.LaunchSpecifications`) sets
    `Ebs.Encrypted` to true on each `BlockDeviceMappings` item that has an `Ebs` (absent fails,
    conservative). A fleet without launch specifications (launch templates only) is not
    applicable: the control reads requests with launch parameters. `Encrypted` is read as in
    EC2.181 (a `KmsKeyId` alone fails).
    """
    specs = list(fleet.props.items(_SPOT_SPECS))
    if not specs:
        return Verdict.not_applicable("the request has no launch specifications")
    undecided = Undecided()
    for spec in specs:
        try:
            verdict = _mapped_volumes(spec, "BlockDeviceMappings", _encrypted_flag)
        except Undecidable as error:
            undecided.keep(error)
            continue
        if verdict is not None and verdict.status is Status.FAIL:
            return verdict
    undecided.reraise()
    return Verdict.passed()


control(
    "EC2.182",
    "AWS::EC2::SnapshotBlockPublicAccess",
    check=prop("State", absent=FAILS).equals("block-all-sharing"),
    fix="set State to block-all-sharing",
    note="`block-new-sharing` fails: snapshots already shared stay public, and the Config "
    "rule requires blocking all public sharing. The setting is per account and Region: it is "
    "decided only where the app holds the `AWS::EC2::SnapshotBlockPublicAccess` resource.",
    remedy=Remedy(
        {"State": "block-all-sharing"},
        safe=False,
        breaks="Snapshots that are publicly shared today stop being publicly available: "
        "accounts that restore them lose access.",
        describe="`State: block-all-sharing` where it is `block-new-sharing`; the property is "
        "required, so this fix only acts under `overwrite`",
    ),
)
