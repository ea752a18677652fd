"""Amazon WorkSpaces: WorkSpaces.1, WorkSpaces.2."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "WorkSpaces.1",
    "AWS::WorkSpaces::Workspace",
    check=prop("UserVolumeEncryptionEnabled", absent=False).is_true(),
    fix="set UserVolumeEncryptionEnabled to true (with VolumeEncryptionKey, a KMS key)",
)

control(
    "WorkSpaces.2",
    "AWS::WorkSpaces::Workspace",
    check=prop("RootVolumeEncryptionEnabled", absent=False).is_true(),
    fix="set RootVolumeEncryptionEnabled to true (with VolumeEncryptionKey, a KMS key)",
)
