"""Amazon FSx: FSx.1, FSx.2, FSx.3, FSx.4, FSx.5."""

from __future__ import annotations

from ...engine.checks import all_of, control, prop
from ...engine.registry import Remedy

_TYPE = "AWS::FSx::FileSystem"

control(
    "FSx.1",
    _TYPE,
    check=all_of(
        prop("OpenZFSConfiguration.CopyTagsToBackups", absent=False).is_true(),
        prop("OpenZFSConfiguration.CopyTagsToVolumes", absent=False).is_true(),
    ),
    when=prop("FileSystemType", absent="").equals("OPENZFS"),
    fix="set OpenZFSConfiguration.CopyTagsToBackups and CopyTagsToVolumes to true",
    remedy=Remedy(
        {
            "OpenZFSConfiguration.CopyTagsToBackups": True,
            "OpenZFSConfiguration.CopyTagsToVolumes": True,
        },
        safe=True,
        breaks="nothing: backups and volumes get the file system's tags",
    ),
)

control(
    "FSx.2",
    _TYPE,
    check=prop("LustreConfiguration.CopyTagsToBackups", absent=False).is_true(),
    when=prop("FileSystemType", absent="").equals("LUSTRE"),
    fix="set LustreConfiguration.CopyTagsToBackups to true",
    remedy=Remedy(
        {"LustreConfiguration.CopyTagsToBackups": True},
        safe=True,
        breaks="nothing: backups get the file system's tags",
        when=prop("LustreConfiguration.DeploymentType", absent="SCRATCH_1").matches("^PERSISTENT"),
    ),
    note="Scratch deployment types, which take no backups, are evaluated too (open question: "
    "conservative verdict). The remedy leaves them alone: CloudFormation documents no "
    "backups for them, so the setting is left to the author.",
)

control(
    "FSx.3",
    _TYPE,
    check=prop("OpenZFSConfiguration.DeploymentType", absent="").one_of("MULTI_AZ_1", "MULTI_AZ_2"),
    when=prop("FileSystemType", absent="").equals("OPENZFS"),
    fix="set OpenZFSConfiguration.DeploymentType to MULTI_AZ_1 (this replaces the file system)",
    note="`DeploymentType` is required by CloudFormation; `SINGLE_AZ_*` fails. No remedy: "
    "the property is never absent, and changing it replaces the file system (its data) and "
    "adds a second Availability Zone's cost.",
)

control(
    "FSx.4",
    _TYPE,
    check=prop("OntapConfiguration.DeploymentType", absent="").one_of("MULTI_AZ_1", "MULTI_AZ_2"),
    when=prop("FileSystemType", absent="").equals("ONTAP"),
    fix="set OntapConfiguration.DeploymentType to MULTI_AZ_2 (or MULTI_AZ_1); this replaces "
    "the file system",
    note="`DeploymentType` is required by CloudFormation; `SINGLE_AZ_*` fails. No remedy: "
    "the property is never absent, and changing it replaces the file system (its data) and "
    "adds a second Availability Zone's cost.",
)

control(
    "FSx.5",
    _TYPE,
    check=prop("WindowsConfiguration.DeploymentType", absent="SINGLE_AZ_1").equals("MULTI_AZ_1"),
    when=prop("FileSystemType", absent="").equals("WINDOWS"),
    fix="set WindowsConfiguration.DeploymentType to MULTI_AZ_1 (this replaces the file system)",
    note="No remedy: Multi-AZ needs two subnets and a preferred subnet, replaces the file "
    "system (its data) and doubles the file server's cost.",
)
