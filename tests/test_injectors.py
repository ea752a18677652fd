"""``FsbpDefaults.inject``: the Secure constructs' defaults as property injectors, for every
injectable L2 of an app, pattern libraries included."""

from __future__ import annotations

import subprocess
import sys

import aws_cdk as cdk
import pytest
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ecs_patterns as ecs_patterns
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns

from fsbp_constructs import FsbpDefaults, SecureRepository, Status
from fsbp_constructs.controls import REGISTRY
from fsbp_constructs.defaults.injectors import INJECTED
from fsbp_constructs.hints import L2_SETTINGS, cdk_hint
from fsbp_constructs.testing import check_app, new_app, template_of
from tests.conftest import ENV

#: The controls the injectors carry, derived from their table.
CARRIED = sorted({control for entry in INJECTED for control in entry.settings.meets.values()})


def service_app(*, injected: bool) -> cdk.App:
    """An ecs_patterns service that keeps task_image_options, and plain L2s beside it."""
    app = new_app()
    if injected:
        FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    ecs_patterns.ApplicationLoadBalancedFargateService(
        stack,
        "Service",
        task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:1.27")
        ),
    )
    ecr.Repository(stack, "Images")
    s3.Bucket(stack, "Files")
    kinesis.Stream(stack, "Events")
    sns.Topic(stack, "Alerts")
    return app


def test_injectors_make_an_ecs_patterns_app_compliant_for_what_they_carry() -> None:
    assert {"ECR.1", "ECR.2", "ECS.5", "ECS.12", "ELB.12", "Kinesis.1", "S3.13"} <= set(CARRIED)

    plain = check_app(service_app(injected=False), controls=CARRIED)
    injected = check_app(service_app(injected=True), controls=CARRIED)

    failing = {f.control.id for f in plain.findings if f.status is not Status.PASS}
    assert failing >= {"ECR.1", "ECR.2", "ECS.5", "S3.13"}, failing
    problems = [f"{f.control.id} {f.resource}: {f.verdict.detail}" for f in injected.problems()]
    assert problems == []
    # Every carried control that applies to this app's L2s passes (the others' L2s, such as
    # databases, are not in it).
    checked = {f.control.id for f in injected.findings if f.status is Status.PASS}
    assert checked >= {"ECR.1", "ECR.2", "ECS.5", "ECS.12", "ELB.12", "Kinesis.1", "S3.13", "EC2.6"}
    assert checked <= set(CARRIED)


def test_an_injected_network_load_balancer_is_protected_from_deletion() -> None:
    """The hints name ``deletion_protection=True`` for an NLB too (ELB.6): the injector sets it."""
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    elbv2.NetworkLoadBalancer(stack, "Nlb", vpc=ec2.Vpc(stack, "Vpc"))

    result = check_app(app, controls=["ELB.6"])

    assert result.resources("ELB.6", Status.PASS) == {"S/Nlb/Resource"}


def test_an_explicit_prop_wins_over_the_injected_default() -> None:
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Scanned")
    ecr.Repository(stack, "Unscanned", image_scan_on_push=False)

    result = check_app(app, controls=["ECR.1"])

    assert result.resources("ECR.1", Status.PASS) == {"S/Scanned/Resource"}
    assert result.resources("ECR.1", Status.FAIL) == {"S/Unscanned/Resource"}


def test_exclude_leaves_an_l2_alone() -> None:
    app = new_app()
    FsbpDefaults.inject(app, exclude=[ecs.ContainerDefinition])
    stack = cdk.Stack(app, "S", env=ENV)
    task = ecs.FargateTaskDefinition(stack, "Task")
    task.add_container("web", image=ecs.ContainerImage.from_registry("nginx"))

    result = check_app(app, controls=["ECS.5"])

    assert result.resources("ECS.5", Status.FAIL) == {"S/Task/Resource"}


@pytest.mark.parametrize(
    ("exclude", "message"),
    [
        ([s3.CfnBucket], "has no FSBP injector"),
        (ecs.ContainerDefinition, "must be a list of L2 classes"),
    ],
)
def test_bad_exclude_raises_with_the_choices(exclude: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FsbpDefaults.inject(new_app(), exclude=exclude)  # type: ignore[arg-type]


def test_injected_and_secure_constructs_share_one_definition() -> None:
    app = new_app()
    secure_stack = cdk.Stack(app, "Secure", env=ENV)
    SecureRepository(secure_stack, "Repo")
    injected_scope = cdk.Stage(app, "Injected")
    FsbpDefaults.inject(injected_scope)
    injected_stack = cdk.Stack(injected_scope, "Plain", env=ENV)
    ecr.Repository(injected_stack, "Repo")

    secure = template_of(secure_stack)["Resources"]
    injected = template_of(injected_stack)["Resources"]

    def props(resources: dict[str, dict[str, object]]) -> object:
        (repo,) = [r for r in resources.values() if r["Type"] == "AWS::ECR::Repository"]
        return repo["Properties"]

    assert props(secure) == props(injected)


def test_cdk_hints_name_the_l2_setting_then_the_secure_construct() -> None:
    hint = cdk_hint("ECR.1", "AWS::ECR::Repository")
    assert hint is not None
    assert hint.index("ecr.Repository(image_scan_on_push=True)") < hint.index("SecureRepository")
    assert cdk_hint("EKS.2", "AWS::EKS::Cluster") is None


def test_each_injected_l2_has_its_settings_and_each_settings_its_injector() -> None:
    injected = [entry.name for entry in INJECTED]
    assert sorted(injected) == sorted(entry.name for entry in L2_SETTINGS)
    assert len(set(injected)) == len(injected)
    assert INJECTED[0].settings.secure == "SecureRepository"


def test_each_setting_meets_a_control_checked_on_the_resource_type_its_l2_makes() -> None:
    """A setting listed for a control the L2's resource type is not checked by would never be
    named in a fix (the hints are looked up by control and resource type)."""
    for entry in L2_SETTINGS:
        for setting, control_id in entry.meets.items():
            assert entry.resource_type in REGISTRY[control_id].resource_types, (entry, setting)


def test_the_pack_reads_the_hints_without_importing_the_injectors() -> None:
    """The pack words its CDK hints from ``fsbp_constructs.hints``: importing it must not import the
    Secure constructs, nor the injectors (and aws-cdk-lib's modules behind them)."""
    code = (
        "import sys, fsbp_constructs.nag; "
        "print(sorted(m for m in sys.modules if m.startswith(('fsbp_constructs.constructs', "
        "'fsbp_constructs.defaults.injectors', 'aws_cdk.aws_rds'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_enum_and_struct_props_given_to_an_injected_l2_arrive_unchanged() -> None:
    """An injector receives an enum prop as its JavaScript value ("destroy") and a struct as
    a plain mapping; it hands them back as they came (a props struct refused the strings)."""
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(
        stack,
        "Images",
        removal_policy=cdk.RemovalPolicy.DESTROY,
        image_tag_mutability=ecr.TagMutability.MUTABLE,
        lifecycle_rules=[ecr.LifecycleRule(max_image_count=5)],
    )
    s3.Bucket(stack, "Files", removal_policy=cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
    dynamodb.Table(
        stack,
        "Table",
        partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.NUMBER),
        billing_mode=dynamodb.BillingMode.PROVISIONED,
    )

    resources = template_of(stack)["Resources"]
    (repo,) = [r for r in resources.values() if r["Type"] == "AWS::ECR::Repository"]
    assert repo["DeletionPolicy"] == "Delete"
    assert repo["Properties"]["ImageTagMutability"] == "MUTABLE"  # given, over IMMUTABLE
    assert repo["Properties"]["ImageScanningConfiguration"] == {"ScanOnPush": True}  # injected
    assert '"countNumber":5' in repo["Properties"]["LifecyclePolicy"]["LifecyclePolicyText"]
    (bucket,) = [r for r in resources.values() if r["Type"] == "AWS::S3::Bucket"]
    assert bucket["DeletionPolicy"] == "RetainExceptOnCreate"
    (table,) = [r for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert table["Properties"]["AttributeDefinitions"] == [
        {"AttributeName": "pk", "AttributeType": "N"}
    ]
    assert "BillingMode" not in table["Properties"]  # PROVISIONED, CloudFormation's default
    assert table["Properties"]["DeletionProtectionEnabled"] is True  # injected


def test_a_default_that_names_no_prop_is_refused_by_name() -> None:
    """A guard on this package's own tables: a misspelt default would be dropped silently."""
    from fsbp_constructs.defaults.injectors import Injected, _Injector

    entry = Injected(ecr.Repository, ecr.RepositoryProps, lambda _: {"image_scan_on_pus": True})
    context = cdk.InjectionContext(scope=cdk.Stack(new_app(), "S"), id="Images")
    with pytest.raises(
        ValueError, match=r"ecr.Repository name no prop of it: \['image_scan_on_pus'\]"
    ):
        _Injector(entry).inject({}, context)


def test_inject_after_the_l2s_exist_is_an_error_that_says_where_to_call_it() -> None:
    """An L2 created before ``inject`` never sees the injectors: that would be a silent no-op."""
    app = new_app()
    stack = cdk.Stack(app, "Late")
    s3.Bucket(stack, "Logs")
    with pytest.raises(ValueError, match=r"after Late/Logs existed.*right after app = cdk.App"):
        FsbpDefaults.inject(app)


def test_inject_into_an_app_with_empty_stacks_is_fine() -> None:
    """Stacks made before ``inject`` are fine: their L2s, made later, are injected."""
    app = new_app()
    stack = cdk.Stack(app, "Early")
    FsbpDefaults.inject(app)
    repo = ecr.Repository(stack, "Images")
    template = template_of(stack)
    (props,) = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ECR::Repository"
    ]
    assert props["ImageScanningConfiguration"] == {"ScanOnPush": True}
    assert repo.node.path == "Early/Images"
