"""EFS.3 and EFS.4 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_efs as efs

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

USER = efs.PosixUser(uid="1001", gid="1001")


def _file_system(stack: cdk.Stack) -> efs.FileSystem:
    vpc = ec2.Vpc(
        stack,
        "Vpc",
        max_azs=1,
        nat_gateways=0,
        subnet_configuration=[
            ec2.SubnetConfiguration(name="Isolated", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        ],
    )
    return efs.FileSystem(stack, "Fs", vpc=vpc)


def test_efs_3_access_point_needs_a_root_directory_below_slash() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    fs = _file_system(stack)
    fs.add_access_point("Data", path="/data", posix_user=USER)
    efs.AccessPoint(stack, "Nested", file_system=fs, path="/export/team/")
    efs.AccessPoint(stack, "Slash", file_system=fs, path="/")
    efs.AccessPoint(stack, "NoPath", file_system=fs, posix_user=USER)
    efs.CfnAccessPoint(
        stack,
        "DoubleSlash",
        file_system_id=fs.file_system_id,
        root_directory=efs.CfnAccessPoint.RootDirectoryProperty(path="//"),
    )
    directory = cdk.CfnParameter(stack, "Directory")
    efs.CfnAccessPoint(
        stack,
        "FromParameter",
        file_system_id=fs.file_system_id,
        root_directory=efs.CfnAccessPoint.RootDirectoryProperty(path=directory.value_as_string),
    )

    result = check_app(app, controls=["EFS.3"])

    failing = {"S/Slash/Resource", "S/NoPath/Resource", "S/DoubleSlash"}
    assert result.resources("EFS.3", Status.PASS) == {"S/Fs/Data/Resource", "S/Nested/Resource"}
    assert result.resources("EFS.3", Status.FAIL) == failing
    assert result.resources("EFS.3", Status.UNKNOWN) == {"S/FromParameter"}
    assert result.reported() == {("FSBP-EFS.3", "error", p) for p in failing} | {
        ("FSBP-EFS.3", "warning", "S/FromParameter")
    }
    (unknown,) = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert "Directory" in unknown.verdict.detail


def test_efs_4_access_point_needs_a_posix_user() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    fs = _file_system(stack)
    fs.add_access_point("WithUser", path="/data", posix_user=USER)
    efs.AccessPoint(
        stack,
        "WithUserAndSecondaryGroups",
        file_system=fs,
        path="/shared",
        posix_user=efs.PosixUser(uid="1002", gid="1002", secondary_gids=["2000"]),
    )
    efs.AccessPoint(stack, "WithoutUser", file_system=fs, path="/data")
    uid = cdk.CfnParameter(stack, "Uid")
    efs.CfnAccessPoint(
        stack,
        "UserFromParameter",
        file_system_id=fs.file_system_id,
        posix_user=efs.CfnAccessPoint.PosixUserProperty(uid=uid.value_as_string, gid="1001"),
    )

    result = check_app(app, controls=["EFS.4"])

    assert result.resources("EFS.4", Status.PASS) == {
        "S/Fs/WithUser/Resource",
        "S/WithUserAndSecondaryGroups/Resource",
        # Only the presence of PosixUser counts, so a deploy-time uid still passes.
        "S/UserFromParameter",
    }
    assert result.resources("EFS.4", Status.FAIL) == {"S/WithoutUser/Resource"}
    assert result.reported() == {("FSBP-EFS.4", "error", "S/WithoutUser/Resource")}
