"""Controls app: generative AI (Amazon Bedrock, Amazon Bedrock AgentCore).

One resource per control: it violates that control only in the ``noncompliant`` variant and
complies with every checked control of its type in the ``compliant`` one. L1 resources with
explicit properties, so that each control's property is visible and synth needs no lookup;
roles, keys, subnets and the knowledge base are fixed identifiers (no other resource).
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_bedrock as bedrock
from aws_cdk import aws_bedrockagentcore as agentcore
from constructs import Construct

from examples import _controls

ACCOUNT = "111111111111"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
KNOWLEDGE_BASE_ID = "KB12345678"
DOCS_BUCKET_ARN = "arn:aws:s3:::fsbp-examples-docs"
RECORDINGS_BUCKET = "fsbp-examples-browser-recordings"
CONTAINER_URI = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/agent:1.0.0"
SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
SECURITY_GROUPS = ["sg-0123456789abcdef0"]


def _role(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:role/{name}"


def _browser(stack: Construct, name: str, *, vpc: bool, recording: bool) -> None:
    agentcore.CfnBrowserCustom(
        stack,
        name,
        name=name.lower(),
        execution_role_arn=_role("agentcore-browser"),
        network_configuration=agentcore.CfnBrowserCustom.BrowserNetworkConfigurationProperty(
            network_mode="VPC" if vpc else "PUBLIC",
            vpc_config=agentcore.CfnBrowserCustom.VpcConfigProperty(
                subnets=SUBNETS, security_groups=SECURITY_GROUPS
            )
            if vpc
            else None,
        ),
        recording_config=agentcore.CfnBrowserCustom.RecordingConfigProperty(
            enabled=recording,
            s3_location=agentcore.CfnBrowserCustom.S3LocationProperty(
                bucket=RECORDINGS_BUCKET, prefix=f"{name.lower()}/"
            ),
        ),
    )


def add(stack: Construct, ok: bool) -> None:
    # Bedrock.1: a knowledge base data source encrypted with a customer managed key
    bedrock.CfnDataSource(
        stack,
        "DocsSource",
        name="docs",
        knowledge_base_id=KNOWLEDGE_BASE_ID,
        data_source_configuration=bedrock.CfnDataSource.DataSourceConfigurationProperty(
            type="S3",
            s3_configuration=bedrock.CfnDataSource.S3DataSourceConfigurationProperty(
                bucket_arn=DOCS_BUCKET_ARN
            ),
        ),
        server_side_encryption_configuration=(
            bedrock.CfnDataSource.ServerSideEncryptionConfigurationProperty(kms_key_arn=KEY_ARN)
            if ok
            else None
        ),
    )

    # BedrockAgentCore.1: an agent runtime in VPC network mode
    agentcore.CfnRuntime(
        stack,
        "AgentRuntime",
        agent_runtime_name="support_agent",
        agent_runtime_artifact=agentcore.CfnRuntime.AgentRuntimeArtifactProperty(
            container_configuration=agentcore.CfnRuntime.ContainerConfigurationProperty(
                container_uri=CONTAINER_URI
            )
        ),
        role_arn=_role("agentcore-runtime"),
        network_configuration=agentcore.CfnRuntime.NetworkConfigurationProperty(
            network_mode="VPC" if ok else "PUBLIC",
            network_mode_config=agentcore.CfnRuntime.VpcConfigProperty(
                subnets=SUBNETS, security_groups=SECURITY_GROUPS
            )
            if ok
            else None,
        ),
    )

    # BedrockAgentCore.2: a gateway that authorizes its callers (IAM)
    agentcore.CfnGateway(
        stack,
        "ToolsGateway",
        name="tools",
        role_arn=_role("agentcore-gateway"),
        authorizer_type="AWS_IAM" if ok else "NONE",
    )

    # BedrockAgentCore.5: a custom browser not in public network mode
    _browser(stack, "PublicBrowser", vpc=ok, recording=True)
    # BedrockAgentCore.6: a custom browser recording its sessions to S3
    _browser(stack, "UnrecordedBrowser", vpc=True, recording=ok)

    # BedrockAgentCore.7: a custom code interpreter in VPC mode (SANDBOX is not private)
    agentcore.CfnCodeInterpreterCustom(
        stack,
        "SandboxInterpreter",
        name="analysis_interpreter",
        execution_role_arn=_role("agentcore-code-interpreter"),
        network_configuration=agentcore.CfnCodeInterpreterCustom.CodeInterpreterNetworkConfigurationProperty(
            network_mode="VPC" if ok else "SANDBOX",
            vpc_config=agentcore.CfnCodeInterpreterCustom.VpcConfigProperty(
                subnets=SUBNETS, security_groups=SECURITY_GROUPS
            )
            if ok
            else None,
        ),
    )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
