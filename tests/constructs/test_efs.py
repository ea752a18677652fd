"""SecureAccessPoint: EFS.3 (root directory) and EFS.4 (POSIX user); SecureFileSystem: EFS.1,
EFS.2, EFS.7 and EFS.8."""

from __future__ import annotations

import inspect

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_efs as efs
from aws_cdk.assertions import Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.efs import SecureAccessPoint, SecureFileSystem
from fsbp_constructs.testing import assert_compliant, check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY, cfn_lint_errors, new_stack_with_vpc

USER = efs.PosixUser(uid="1000", gid="1000")


def _stack() -> tuple[cdk.App, cdk.Stack, efs.IFileSystem]:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    file_system = efs.FileSystem.from_file_system_attributes(
        stack,
        "Fs",
        file_system_id="fs-12345678",
        security_group=ec2.SecurityGroup.from_security_group_id(stack, "FsSg", "sg-12345678"),
    )
    return app, stack, file_system


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, fs = _stack()
    SecureAccessPoint(stack, "Ap", file_system=fs, path="/app", posix_user=USER)

    assert template_of(stack) == snapshot_json


def test_root_directory_posix_user_and_owned_creation() -> None:
    _, stack, fs = _stack()
    SecureAccessPoint(stack, "Ap", file_system=fs, path="/app", posix_user=USER)

    Template.from_stack(stack).has_resource_properties(
        "AWS::EFS::AccessPoint",
        {
            "FileSystemId": "fs-12345678",
            "RootDirectory": {
                "Path": "/app",
                "CreationInfo": {"OwnerUid": "1000", "OwnerGid": "1000", "Permissions": "750"},
            },
            "PosixUser": {"Uid": "1000", "Gid": "1000"},
        },
    )


def test_given_create_acl_replaces_the_default() -> None:
    _, stack, fs = _stack()
    SecureAccessPoint(
        stack,
        "Ap",
        file_system=fs,
        path="/app",
        posix_user=USER,
        create_acl=efs.Acl(owner_uid="0", owner_gid="0", permissions="700"),
    )

    Template.from_stack(stack).has_resource_properties(
        "AWS::EFS::AccessPoint",
        {
            "RootDirectory": {
                "Path": "/app",
                "CreationInfo": {"OwnerUid": "0", "OwnerGid": "0", "Permissions": "700"},
            }
        },
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack, fs = _stack()
    SecureAccessPoint(stack, "Ap", file_system=fs, path="/app", posix_user=USER)

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("EFS.3", Status.PASS) == {"S/Ap/Resource"}
    assert result.resources("EFS.4", Status.PASS) == {"S/Ap/Resource"}


def test_pack_flags_escape_hatch_overrides() -> None:
    app, stack, fs = _stack()
    root = SecureAccessPoint(stack, "Root", file_system=fs, path="/app", posix_user=USER)
    anyone = SecureAccessPoint(stack, "Anyone", file_system=fs, path="/app", posix_user=USER)
    root_l1 = root.node.default_child
    anyone_l1 = anyone.node.default_child
    assert isinstance(root_l1, cdk.CfnResource) and isinstance(anyone_l1, cdk.CfnResource)
    root_l1.add_property_override("RootDirectory.Path", "/")
    anyone_l1.add_property_deletion_override("PosixUser")

    result = check_app(app, controls=["EFS.3", "EFS.4"])

    assert result.resources("EFS.3", Status.FAIL) == {"S/Root/Resource"}
    assert result.resources("EFS.4", Status.FAIL) == {"S/Anyone/Resource"}
    assert result.reported() == {
        ("FSBP-EFS.3", "error", "S/Root/Resource"),
        ("FSBP-EFS.4", "error", "S/Anyone/Resource"),
    }


@pytest.mark.parametrize("path", ["/", "//", "///"])
def test_file_system_root_is_refused(path: str) -> None:
    _, stack, fs = _stack()
    with pytest.raises(ValueError, match=rf"path '{path}' is the file system's root.*EFS\.3"):
        SecureAccessPoint(stack, "Ap", file_system=fs, path=path, posix_user=USER)


def test_relative_path_is_refused() -> None:
    _, stack, fs = _stack()
    with pytest.raises(ValueError, match="path 'app' is not absolute"):
        SecureAccessPoint(stack, "Ap", file_system=fs, path="app", posix_user=USER)


def test_missing_posix_user_is_refused() -> None:
    _, stack, fs = _stack()
    with pytest.raises(ValueError, match=r"needs posix_user \(EFS\.4\)"):
        SecureAccessPoint(stack, "Ap", file_system=fs, path="/app", posix_user=None)  # type: ignore[arg-type]


def test_template_passes_cfn_lint() -> None:
    _, stack, fs = _stack()
    SecureAccessPoint(stack, "Ap", file_system=fs, path="/app", posix_user=USER)

    assert cfn_lint_errors(template_of(stack)) == []


# --------------------------------------------------------------------------- SecureFileSystem


def test_file_system_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureFileSystem(stack, "Fs", vpc=vpc)

    assert template_of(stack) == snapshot_json


def test_file_system_defaults_encryption_and_automatic_backups() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureFileSystem(stack, "Fs", vpc=vpc)

    Template.from_stack(stack).has_resource_properties(
        "AWS::EFS::FileSystem", {"Encrypted": True, "BackupPolicy": {"Status": "ENABLED"}}
    )


def test_file_system_defaults_have_zero_findings_with_every_control() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureFileSystem(stack, "Fs", vpc=vpc)

    result = assert_compliant(app, include_retired=True, strict=True)

    for control in ("EFS.1", "EFS.2", "EFS.7", "EFS.8"):
        assert result.resources(control, Status.PASS) == {"S/Fs/Resource"}, control


def test_file_system_explicit_props_win_and_get_reported() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureFileSystem(stack, "Fs", vpc=vpc, enable_automatic_backups=False)

    result = check_app(app, controls=["EFS.2", "EFS.7"])

    assert result.resources("EFS.7", Status.FAIL) == {"S/Fs/Resource"}
    assert result.resources("EFS.2", Status.UNKNOWN) == {"S/Fs/Resource"}
    assert ("FSBP-EFS.7", "error", "S/Fs/Resource") in result.reported()


def test_file_system_signature_is_the_l2s() -> None:
    ours = inspect.signature(SecureFileSystem.__init__).parameters
    theirs = inspect.signature(efs.FileSystem.__init__).parameters
    assert list(ours) == list(theirs)


def test_file_system_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureFileSystem(stack, "Fs", vpc=vpc)

    assert cfn_lint_errors(template_of(stack)) == []
