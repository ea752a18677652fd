"""FsbpDefaults through the real plugin path: aspect -> synth -> FsbpChecks -> CDK report."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ecs_patterns as ecs_patterns
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_fsx as fsx
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from constructs import Construct

from fsbp_constructs import Status
from fsbp_constructs.defaults import FIXES, REPORT_FILE, FsbpDefaults
from fsbp_constructs.testing import CheckResult, check_app, new_app
from tests.conftest import ENV, cfn_lint_errors

SAFE = ["ECR.1", "ECS.12", "ELB.12", "Kinesis.1"]
SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
DESYNC = "LoadBalancerAttributes[routing.http.desync_mitigation_mode]"
KINESIS_KEY = {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}


def third_party_resources(stack: cdk.Stack) -> None:
    """What the issue names: an ecs_patterns service and raw L1s left at their defaults."""
    ecs_patterns.ApplicationLoadBalancedFargateService(
        stack,
        "Service",
        task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:latest")
        ),
    )
    ecr.CfnRepository(stack, "Repo")
    elbv2.CfnLoadBalancer(stack, "Alb", subnets=SUBNETS)
    kinesis.CfnStream(stack, "Stream", shard_count=1)


def changes(aspect: FsbpDefaults) -> set[tuple[str, str, str, str]]:
    """``(path, control, property, old -> new)`` of each change, values as JSON."""
    return {
        (c.path, c.control, c.prop, f"{json.dumps(c.old)} -> {json.dumps(c.new)}")
        for c in aspect.changes
    }


def report_file(app: cdk.App) -> set[tuple[str, str, str, str]]:
    data = json.loads((Path(str(app.outdir)) / REPORT_FILE).read_text(encoding="utf-8"))
    assert data["version"] == 1
    return {
        (
            c["path"],
            c["control"],
            c["property"],
            f"{json.dumps(c['old'])} -> {json.dumps(c['new'])}",
        )
        for c in data["changes"]
    }


def info_annotations(app: cdk.App) -> dict[str, list[str]]:
    """Construct path -> info messages, read from the cloud assembly (the manifest, and the
    ``<stack>.metadata.json`` files it points to)."""
    outdir = Path(str(app.outdir))
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for artifact in manifest["artifacts"].values():
        metadata = dict(artifact.get("metadata") or {})
        if artifact.get("additionalMetadataFile"):
            extra = (outdir / artifact["additionalMetadataFile"]).read_text(encoding="utf-8")
            metadata.update(json.loads(extra))
        for path, entries in metadata.items():
            for entry in entries:
                if entry["type"] == "aws:cdk:info":
                    out.setdefault(path.lstrip("/"), []).append(entry["data"])
    return out


def written_template(app: cdk.App, stack: cdk.Stack) -> dict[str, Any]:
    """The template the synth wrote (re-synthesizing would run FsbpChecks again and raise)."""
    path = Path(str(app.outdir)) / f"{stack.artifact_id}.template.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def not_passing(result: CheckResult, controls: list[str]) -> set[tuple[str, str, str]]:
    return {
        (f.control.id, f.status.value, f.resource)
        for f in result.findings
        if f.control.id in controls and f.status in (Status.FAIL, Status.UNKNOWN)
    }


def test_synth_prints_a_summary_of_the_changes(capfd: pytest.CaptureFixture[str]) -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.CfnRepository(stack, "Repo")
    ecr.CfnRepository(stack, "Other")
    cdk.Aspects.of(app).add(FsbpDefaults())

    app.synth()

    report = Path(str(app.outdir)) / REPORT_FILE
    assert f"FsbpDefaults: 2 changes (ECR.1 2); see {report}" in capfd.readouterr().err


def test_safe_fixes_leave_no_finding_on_the_safe_controls() -> None:
    app = new_app()
    fixed = cdk.Stack(app, "Fixed", env=ENV)
    untouched = cdk.Stack(app, "Untouched", env=ENV)
    third_party_resources(fixed)
    third_party_resources(untouched)
    aspect = FsbpDefaults()
    cdk.Aspects.of(fixed).add(aspect)

    result = check_app(app, controls=[*SAFE, "ECS.5", "ECR.2"])

    # Before: the twin stack without the aspect fails or is undecided on every safe control
    # except ELB.12, whose absent value is already compliant.
    assert not_passing(result, SAFE) == {
        ("ECR.1", "FAIL", "Untouched/Repo"),
        ("Kinesis.1", "FAIL", "Untouched/Stream"),
        ("ECS.12", "UNKNOWN", "Untouched/EcsDefaultClusterMnL3mNNYN/Resource"),
    }
    assert result.resources("ECR.1", Status.PASS) == {"Fixed/Repo"}
    assert result.resources("Kinesis.1", Status.PASS) == {"Fixed/Stream"}
    assert result.resources("ECS.12", Status.PASS) == {"Fixed/EcsDefaultClusterMnL3mNNYN/Resource"}
    assert result.resources("ELB.12", Status.PASS) == {
        "Fixed/Service/LB/Resource",
        "Fixed/Alb",
        "Untouched/Service/LB/Resource",
        "Untouched/Alb",
    }
    # Opt-in fixes stay off by default.
    assert result.resources("ECS.5", Status.FAIL) == {
        "Fixed/Service/TaskDef/Resource",
        "Untouched/Service/TaskDef/Resource",
    }
    assert result.resources("ECR.2", Status.FAIL) == {"Fixed/Repo", "Untouched/Repo"}

    expected = {
        ("Fixed/Service/LB/Resource", "ELB.12", DESYNC, 'null -> "defensive"'),
        (
            "Fixed/EcsDefaultClusterMnL3mNNYN/Resource",
            "ECS.12",
            "ClusterSettings[0].Value",
            'null -> "enabled"',
        ),
        ("Fixed/Repo", "ECR.1", "ImageScanningConfiguration.ScanOnPush", "null -> true"),
        ("Fixed/Alb", "ELB.12", DESYNC, 'null -> "defensive"'),
        ("Fixed/Stream", "Kinesis.1", "StreamEncryption", f"null -> {json.dumps(KINESIS_KEY)}"),
    }
    assert changes(aspect) == expected
    assert report_file(app) == expected
    notes = info_annotations(app)
    assert {path for path in notes} == {c[0] for c in expected}
    assert notes["Fixed/Repo"] == [
        "FsbpDefaults set ImageScanningConfiguration.ScanOnPush to true for FSBP ECR.1 (was absent)"
    ]

    template = written_template(app, fixed)
    resources = template["Resources"]
    lb = next(
        r
        for r in resources.values()
        if r["Type"] == "AWS::ElasticLoadBalancingV2::LoadBalancer"
        and r["Properties"].get("Scheme") == "internet-facing"
    )
    # The L2's own attribute is kept beside the new one.
    assert lb["Properties"]["LoadBalancerAttributes"] == [
        {"Key": "deletion_protection.enabled", "Value": "false"},
        {"Key": "routing.http.desync_mitigation_mode", "Value": "defensive"},
    ]
    assert cfn_lint_errors(template) == []


def test_opt_in_overwrite_and_acknowledgments() -> None:
    app = new_app()
    opted = cdk.Stack(app, "OptedIn", env=ENV)
    ecs_patterns.ApplicationLoadBalancedFargateService(
        opted,
        "Service",
        task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:latest")
        ),
    )
    ecr.CfnRepository(opted, "Plain")
    ecr.CfnRepository(
        opted,
        "Explicit",
        image_tag_mutability="MUTABLE",
        image_scanning_configuration=ecr.CfnRepository.ImageScanningConfigurationProperty(
            scan_on_push=False
        ),
    )
    acked = ecr.CfnRepository(opted, "Acked")
    cdk.Validations.of(acked).acknowledge(
        cdk.Acknowledgment(id="FSBP::FSBP-ECR.1", reason="the registry scans every repository")
    )
    team = Construct(opted, "Team")
    ecr.CfnRepository(team, "Repo")
    cdk.Validations.of(team).acknowledge(
        cdk.Acknowledgment(id="FSBP-ECR.2", reason="the release job moves tags")
    )
    first = FsbpDefaults(opt_in=["ECS.5", "ECR.2"])
    cdk.Aspects.of(opted).add(first)

    forced = cdk.Stack(app, "Overwritten", env=ENV)
    ecr.CfnRepository(forced, "Explicit", image_scanning_configuration={"scanOnPush": False})
    ecr.Repository(forced, "L2", image_scan_on_push=False)
    second = FsbpDefaults(overwrite=["ECR.1"])
    cdk.Aspects.of(forced).add(second)

    result = check_app(app, controls=["ECS.5", "ECR.1", "ECR.2"])

    assert result.resources("ECS.5", Status.PASS) == {"OptedIn/Service/TaskDef/Resource"}
    assert result.resources("ECR.1", Status.PASS) == {
        "OptedIn/Plain",
        "OptedIn/Team/Repo",
        "Overwritten/Explicit",
        "Overwritten/L2/Resource",
    }
    assert result.resources("ECR.1", Status.FAIL) == {"OptedIn/Explicit", "OptedIn/Acked"}
    assert result.resources("ECR.2", Status.PASS) == {"OptedIn/Plain", "OptedIn/Acked"}
    assert result.resources("ECR.2", Status.FAIL) == {
        "OptedIn/Explicit",
        "OptedIn/Team/Repo",
        "Overwritten/Explicit",
        "Overwritten/L2/Resource",
    }
    # The acknowledged findings are CDK's suppressed ones, not errors.
    assert ("FSBP-ECR.1", "error", "OptedIn/Acked") in result.reported("suppressedViolations")

    scan = ("ECR.1", "ImageScanningConfiguration.ScanOnPush")
    assert changes(first) == {
        (
            "OptedIn/Service/TaskDef/Resource",
            "ECS.5",
            "ContainerDefinitions[0].ReadonlyRootFilesystem",
            "null -> true",
        ),
        ("OptedIn/Plain", *scan, "null -> true"),
        ("OptedIn/Plain", "ECR.2", "ImageTagMutability", 'null -> "IMMUTABLE"'),
        ("OptedIn/Acked", "ECR.2", "ImageTagMutability", 'null -> "IMMUTABLE"'),
        ("OptedIn/Team/Repo", *scan, "null -> true"),
        (
            "OptedIn/EcsDefaultClusterMnL3mNNYN/Resource",
            "ECS.12",
            "ClusterSettings[0].Value",
            'null -> "enabled"',
        ),
        ("OptedIn/Service/LB/Resource", "ELB.12", DESYNC, 'null -> "defensive"'),
    }
    assert changes(second) == {
        ("Overwritten/Explicit", *scan, "false -> true"),
        ("Overwritten/L2/Resource", *scan, "false -> true"),
    }
    # One report for the app, with the changes of both aspects.
    assert report_file(app) == changes(first) | changes(second)

    task = next(
        r
        for r in written_template(app, opted)["Resources"].values()
        if r["Type"] == "AWS::ECS::TaskDefinition"
    )
    assert [c["ReadonlyRootFilesystem"] for c in task["Properties"]["ContainerDefinitions"]] == [
        True
    ]


def test_opt_in_fixes_on_the_other_resource_types() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    s3.Bucket(stack, "L2Bucket")
    s3.Bucket(
        stack,
        "KeptBucket",
        lifecycle_rules=[s3.LifecycleRule(enabled=False, expiration=cdk.Duration.days(3))],
    )
    s3.CfnBucket(stack, "L1Bucket")
    autoscaling.CfnLaunchConfiguration(
        stack,
        "LaunchConfig",
        image_id="ami-12345678",
        instance_type="t3.micro",
        metadata_options=autoscaling.CfnLaunchConfiguration.MetadataOptionsProperty(
            http_endpoint="enabled"
        ),
    )
    ec2.CfnLaunchTemplate(
        stack,
        "LaunchTemplate",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
            instance_type="t3.micro"
        ),
    )
    origin = cloudfront.CfnDistribution.OriginProperty(
        id="site",
        domain_name="origin.example.com",
        custom_origin_config=cloudfront.CfnDistribution.CustomOriginConfigProperty(
            origin_protocol_policy="https-only"
        ),
    )
    cloudfront.CfnDistribution(
        stack,
        "Cdn",
        distribution_config=cloudfront.CfnDistribution.DistributionConfigProperty(
            enabled=True,
            origins=[origin],
            default_cache_behavior=cloudfront.CfnDistribution.DefaultCacheBehaviorProperty(
                target_origin_id="site",
                viewer_protocol_policy="https-only",
                cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
            ),
        ),
    )
    ec2.CfnTransitGateway(stack, "Gateway", auto_accept_shared_attachments="enable")
    ecs.CfnCluster(
        stack,
        "Cluster",
        cluster_settings=[
            ecs.CfnCluster.ClusterSettingsProperty(name="containerInsights", value="disabled")
        ],
    )
    elbv2.CfnLoadBalancer(
        stack,
        "Monitor",
        subnets=SUBNETS,
        load_balancer_attributes=[
            elbv2.CfnLoadBalancer.LoadBalancerAttributeProperty(
                key="routing.http.desync_mitigation_mode", value="monitor"
            )
        ],
    )
    kinesis.Stream(stack, "Unencrypted", encryption=kinesis.StreamEncryption.UNENCRYPTED)
    aspect = FsbpDefaults(
        opt_in=["S3.13", "AutoScaling.3", "EC2.170", "CloudFront.10"],
        overwrite=["EC2.23"],
        bucket_expiration=cdk.Duration.days(365),
    )
    cdk.Aspects.of(stack).add(aspect)

    agnostic = cdk.Stack(app, "Agnostic")
    kinesis.CfnStream(agnostic, "Stream", shard_count=1)
    ecs.CfnCluster(agnostic, "Cluster")
    cdk.Aspects.of(agnostic).add(FsbpDefaults(exclude=["ECS.12"]))

    controls = [
        "S3.13",
        "AutoScaling.3",
        "CloudFront.10",
        "EC2.23",
        "ECS.12",
        "ELB.12",
        "Kinesis.1",
    ]
    result = check_app(app, controls=controls)

    assert not_passing(result, controls) == {
        ("S3.13", "FAIL", "S/KeptBucket/Resource"),  # a rule set, though disabled: explicit
        ("ECS.12", "FAIL", "S/Cluster"),  # explicitly disabled
        ("ELB.12", "FAIL", "S/Monitor"),  # explicitly monitor
        ("Kinesis.1", "FAIL", "S/Unencrypted/Resource"),  # UNENCRYPTED chosen on the L2
        ("ECS.12", "UNKNOWN", "Agnostic/Cluster"),  # excluded
        # Encrypted behind kinesis.Stream's China-Region condition, which a Region-agnostic
        # stack cannot decide.
        ("Kinesis.1", "UNKNOWN", "Agnostic/Stream"),
    }
    rule = {
        "Id": "FsbpDefaults-S3.13",
        "Status": "Enabled",
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
        "ExpirationInDays": 365,
    }
    assert changes(aspect) == {
        (
            "S/L2Bucket/Resource",
            "S3.13",
            "LifecycleConfiguration.Rules",
            f"null -> {json.dumps([rule])}",
        ),
        ("S/L1Bucket", "S3.13", "LifecycleConfiguration.Rules", f"null -> {json.dumps([rule])}"),
        ("S/LaunchConfig", "AutoScaling.3", "MetadataOptions.HttpTokens", 'null -> "required"'),
        (
            "S/LaunchTemplate",
            "EC2.170",
            "LaunchTemplateData.MetadataOptions.HttpTokens",
            'null -> "required"',
        ),
        (
            "S/Cdn",
            "CloudFront.10",
            "DistributionConfig.Origins[0].CustomOriginConfig.OriginSSLProtocols",
            'null -> ["TLSv1.2"]',
        ),
        ("S/Gateway", "EC2.23", "AutoAcceptSharedAttachments", '"enable" -> "disable"'),
    }

    template = written_template(app, stack)
    resources = template["Resources"]
    by_type = {r["Type"]: r["Properties"] for r in resources.values()}
    assert by_type["AWS::EC2::LaunchTemplate"]["LaunchTemplateData"] == {
        "InstanceType": "t3.micro",
        "MetadataOptions": {"HttpTokens": "required"},
    }
    assert by_type["AWS::AutoScaling::LaunchConfiguration"]["MetadataOptions"] == {
        "HttpEndpoint": "enabled",
        "HttpTokens": "required",
    }
    lifecycles = sorted(
        json.dumps(r["Properties"]["LifecycleConfiguration"], sort_keys=True)
        for r in resources.values()
        if r["Type"] == "AWS::S3::Bucket"
    )
    assert lifecycles == sorted(
        [
            json.dumps({"Rules": [{"ExpirationInDays": 3, "Status": "Disabled"}]}, sort_keys=True),
            json.dumps({"Rules": [rule]}, sort_keys=True),
            json.dumps({"Rules": [rule]}, sort_keys=True),
        ]
    )
    agnostic_template = written_template(app, agnostic)
    assert agnostic_template["Resources"]["Stream"]["Properties"]["StreamEncryption"] == {
        "Fn::If": [
            "AwsCdkKinesisEncryptedStreamsUnsupportedRegions",
            {"Ref": "AWS::NoValue"},
            KINESIS_KEY,
        ]
    }
    assert "AwsCdkKinesisEncryptedStreamsUnsupportedRegions" in agnostic_template["Conditions"]
    assert cfn_lint_errors(template) == []
    assert cfn_lint_errors(agnostic_template) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"opt_in": ["ECR.9"]},
            r"opt_in: unknown control id 'ECR.9'.*controls with a fix: .*ECR\.1, ECR\.2",
        ),
        ({"overwrite": ["ecr.1"]}, r"overwrite: unknown control id 'ecr.1'; did you mean ECR.1"),
        (
            {"opt_in": ["ECS.3"]},
            r"opt_in: FsbpDefaults has no fix for ECS.3; controls with a fix: .*AutoScaling\.3",
        ),
        ({"exclude": ["Nope.1"]}, r"exclude: unknown control id 'Nope.1'"),
        (
            {"opt_in": "ECS.5"},
            r"opt_in must be a list of control ids, not the string 'ECS.5'; "
            r"write opt_in=\['ECS.5'\]",
        ),
        ({"opt_in": ["ECS.5"], "exclude": ["ECS.5"]}, r"exclude names ECS.5, which opt_in"),
        (
            {"bucket_expiration": cdk.Duration.hours(12)},
            r"bucket_expiration must be a whole number of days, at least 1 .*, not 12 hours",
        ),
        (
            {"bucket_expiration": cdk.Duration.hours(36)},
            r"whole number of days.*not 1 day 12 hours",
        ),
        ({"bucket_expiration": 30}, r"bucket_expiration must be a Duration, not 30"),
    ],
)
def test_bad_options_raise(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FsbpDefaults(**options)


def test_controls_lists_the_fixes_that_apply() -> None:
    safe = list(dict.fromkeys(f.control for f in FIXES if f.safe))
    assert set(SAFE) <= set(safe)
    assert FsbpDefaults().controls == safe
    chosen = FsbpDefaults(opt_in=["ECR.2"], overwrite=["EC2.23"], exclude=["ECS.12"]).controls
    assert set(chosen) == (set(safe) | {"ECR.2", "EC2.23"}) - {"ECS.12"}
    assert chosen == [c for c in dict.fromkeys(f.control for f in FIXES) if c in chosen]


def test_docs_list_exactly_the_fixes_the_aspect_applies() -> None:
    """The table is generated from the remedies (tests/test_derived.py keeps it current); the
    aspect applies exactly those."""
    doc = (Path(__file__).parent.parent / "docs" / "remediation.md").read_text(encoding="utf-8")
    fixes = doc.split("\n## The fixes\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([A-Za-z0-9]+\.\d+) \|", fixes, flags=re.MULTILINE)
    assert rows == [f.control for f in FIXES]


def test_a_scoped_remedy_leaves_a_resource_whose_scope_a_token_decides() -> None:
    """FSx.2's remedy suits Lustre file systems on a persistent deployment: one whose type is
    a template parameter, or whose deployment type is scratch, is left alone, while the
    persistent Lustre file system beside them gets the setting."""
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    kind = cdk.CfnParameter(stack, "Kind", allowed_values=["LUSTRE", "OPENZFS"])
    lustre = fsx.CfnFileSystem.LustreConfigurationProperty
    for name, file_system_type, deployment in (
        ("Chosen", kind.value_as_string, "PERSISTENT_2"),
        ("Scratch", "LUSTRE", "SCRATCH_2"),
        ("Persistent", "LUSTRE", "PERSISTENT_2"),
    ):
        fsx.CfnFileSystem(
            stack,
            name,
            file_system_type=file_system_type,
            subnet_ids=["subnet-1"],
            lustre_configuration=lustre(deployment_type=deployment),
        )
    aspect = FsbpDefaults()
    cdk.Aspects.of(app).add(aspect)
    app.synth()

    assert {(c.path, c.control) for c in aspect.changes if c.control == "FSx.2"} == {
        ("S/Persistent", "FSx.2")
    }


def test_each_fix_names_the_l1_class_of_its_resource_type() -> None:
    # Fixes name their L1 class by jsii name, so that importing the aspect imports no service
    # module; each name must be the class that CloudFormation type synthesizes from.
    for fix in FIXES:
        cls = fix.cfn_class
        assert cls.__jsii_type__ == fix.cfn_type, fix.control  # type: ignore[attr-defined]
        assert fix.resource_type == cls.CFN_RESOURCE_TYPE_NAME, fix.control  # type: ignore[attr-defined]


def test_a_subclass_of_an_l1_gets_the_l1s_fixes() -> None:
    class ScannedRepository(ecr.CfnRepository):
        pass

    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ScannedRepository(stack, "Repo")
    cdk.Aspects.of(app).add(FsbpDefaults())

    template = app.synth().get_stack_by_name("S").template
    (repository,) = template["Resources"].values()
    assert repository["Properties"]["ImageScanningConfiguration"] == {"ScanOnPush": True}


def test_a_token_that_resolves_to_nothing_counts_as_absent() -> None:
    """``rds.DatabaseInstance`` passes ``enableIamDatabaseAuthentication`` as a lazy value
    that is empty unless set: the template has no such property, so RDS.10's safe fix sets it
    (it was skipped as if the L2 had set a value)."""
    from aws_cdk import aws_rds as rds

    app = new_app()
    stack = cdk.Stack(app, "Db", env=ENV)
    vpc = ec2.Vpc(
        stack,
        "Vpc",
        subnet_configuration=[
            ec2.SubnetConfiguration(name="db", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        ],
    )
    rds.DatabaseInstance(
        stack,
        "Postgres",
        engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16),
        vpc=vpc,
        vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
    )
    aspect = FsbpDefaults()
    cdk.Aspects.of(app).add(aspect)
    template = app.synth().get_stack_by_name("Db").template
    (props,) = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::RDS::DBInstance"
    ]
    assert props["EnableIAMDatabaseAuthentication"] is True
    assert ("Db/Postgres/Resource", "RDS.10") in {(c.path, c.control) for c in aspect.changes}
