"""Cross-resource controls scale linearly: the engine alone, on generated templates.

Every control that looks beyond its own resource gets many instances of its pair: ECR
repositories against a registry scanning configuration with 100 filters (ECR.1: an account
has one per Region, and a rule takes at most 100 filters), Classic Load Balancers with custom
resources naming them (ELB.14), Application Load Balancers on subnets (ELB.13), instances
launched from templates (EC2.24), and the three lookups by literal name: bucket policies
naming their bucket (S3.5), instances naming their launch template (EC2.8), and backup
selections choosing file systems by tag (EFS.2). The templates are plain JSON (no CDK, no
Node), split into stacks of at most 500 resources as CloudFormation requires. Time
``evaluate`` at ``n`` and ``4n`` pairs: linear work gives a ratio near 4, quadratic work near
16.

::

    python benchmarks/scaling.py              # 215 and 860 pairs: ~3,000 and ~12,000 resources
    python benchmarks/scaling.py --pairs 50      # smaller (CI's smoke); asserts no timing
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fsbp_constructs.config import FsbpConfig  # noqa: E402
from fsbp_constructs.engine.model import App, Stack  # noqa: E402
from fsbp_constructs.evaluate import evaluate  # noqa: E402

#: Resources per stack (CloudFormation allows 500).
STACK_LIMIT = 480


def _unit(i: int) -> dict[str, Any]:
    return {
        f"Repo{i}": {
            "Type": "AWS::ECR::Repository",
            "Properties": {"RepositoryName": f"team-{i}"},
        },
        f"Clb{i}": {
            "Type": "AWS::ElasticLoadBalancing::LoadBalancer",
            "Properties": {"LoadBalancerName": f"clb-{i}", "Listeners": []},
        },
        f"Desync{i}": {
            "Type": "Custom::AWS",
            "Properties": {
                "Create": {"Fn::Join": ["", ['{"LoadBalancerName":"', {"Ref": f"Clb{i}"}, '"}']]}
            },
        },
        f"SubnetA{i}": {
            "Type": "AWS::EC2::Subnet",
            "Properties": {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.0.0/24"},
        },
        f"SubnetB{i}": {
            "Type": "AWS::EC2::Subnet",
            "Properties": {"AvailabilityZone": "us-east-1b", "CidrBlock": "10.0.1.0/24"},
        },
        f"Alb{i}": {
            "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties": {"Subnets": [{"Ref": f"SubnetA{i}"}, {"Ref": f"SubnetB{i}"}]},
        },
        f"Template{i}": {
            "Type": "AWS::EC2::LaunchTemplate",
            "Properties": {"LaunchTemplateData": {"InstanceType": "m5.large"}},
        },
        f"Instance{i}": {
            "Type": "AWS::EC2::Instance",
            "Properties": {"LaunchTemplate": {"LaunchTemplateId": {"Ref": f"Template{i}"}}},
        },
        # The lookups by literal name.
        f"Named{i}": {
            "Type": "AWS::EC2::LaunchTemplate",
            "Properties": {
                "LaunchTemplateName": f"named-{i}",
                "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}},
            },
        },
        f"ByName{i}": {
            "Type": "AWS::EC2::Instance",
            "Properties": {"LaunchTemplate": {"LaunchTemplateName": f"named-{i}", "Version": "1"}},
        },
        f"Bucket{i}": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"bucket-{i}"}},
        f"Policy{i}": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": f"bucket-{i}",
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [
                                f"arn:aws:s3:::bucket-{i}",
                                f"arn:aws:s3:::bucket-{i}/*",
                            ],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ]
                },
            },
        },
        f"Fs{i}": {
            "Type": "AWS::EFS::FileSystem",
            "Properties": {"FileSystemTags": [{"Key": "backup", "Value": f"plan-{i}"}]},
        },
        f"Selection{i}": {
            "Type": "AWS::Backup::BackupSelection",
            "Properties": {
                "BackupPlanId": f"plan-{i}",
                "BackupSelection": {
                    "IamRoleArn": "arn:aws:iam::111111111111:role/backup",
                    "SelectionName": f"tagged-{i}",
                    "ListOfTags": [
                        {
                            "ConditionType": "STRINGEQUALS",
                            "ConditionKey": "backup",
                            "ConditionValue": f"plan-{i}",
                        }
                    ],
                },
            },
        },
    }


SCANNING = {
    "Type": "AWS::ECR::RegistryScanningConfiguration",
    "Properties": {
        "ScanType": "BASIC",
        "Rules": [
            {
                "ScanFrequency": "SCAN_ON_PUSH",
                "RepositoryFilters": [
                    {"Filter": f"other-{i}-*", "FilterType": "WILDCARD"} for i in range(100)
                ],
            }
        ],
    },
}


def build(pairs: int) -> App:
    stacks: list[Stack] = []
    resources: dict[str, Any] = {"Scanning": SCANNING}
    for i in range(pairs):
        unit = _unit(i)
        if len(resources) + len(unit) > STACK_LIMIT:
            stacks.append(_stack(len(stacks), resources))
            resources = {}
        resources.update(unit)
    stacks.append(_stack(len(stacks), resources))
    return App(stacks)


def _stack(index: int, resources: dict[str, Any]) -> Stack:
    return Stack(
        f"Scale{index}",
        Path(f"Scale{index}.template.json"),
        {"Resources": resources},
        region="us-east-1",
        account="111111111111",
    )


CONTROLS = ["ECR.1", "ELB.13", "ELB.14", "EC2.24", "EC2.8", "S3.5", "EFS.2"]


def seconds(pairs: int, repeat: int) -> tuple[float, int, int]:
    """The median time of ``evaluate``, the findings, and the resources of the app."""
    times, count, size = [], 0, 0
    for _ in range(repeat):
        app = build(pairs)  # a fresh app: no index carried over
        size = sum(len(stack.resources) for stack in app.stacks)
        start = time.perf_counter()
        count = len(evaluate(app, FsbpConfig(controls=CONTROLS)))
        times.append(time.perf_counter() - start)
    return statistics.median(times), count, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=215, help="pairs of each kind at 1x")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    small, found_small, size_small = seconds(args.pairs, args.repeat)
    large, found_large, size_large = seconds(4 * args.pairs, args.repeat)
    for pairs, took, found, size in (
        (args.pairs, small, found_small, size_small),
        (4 * args.pairs, large, found_large, size_large),
    ):
        print(
            f"{pairs:>6} pairs of each kind ({size:,} resources): {took:.3f} s ({found} findings)"
        )
    print(f"ratio {large / small:.1f} for 4x the pairs (linear: about 4; quadratic: about 16)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
