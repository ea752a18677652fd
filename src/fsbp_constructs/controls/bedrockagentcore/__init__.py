"""Amazon Bedrock AgentCore: BedrockAgentCore.1, BedrockAgentCore.2, BedrockAgentCore.5,
BedrockAgentCore.6, BedrockAgentCore.7."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, prop
from ...engine.registry import Remedy

#: The inbound authorizer types that make the gateway decide who may call it.
AUTHORIZING_TYPES = ("CUSTOM_JWT", "AWS_IAM")

_VPC_FIX = (
    "set NetworkConfiguration.NetworkMode to VPC with the subnets and security groups to run in "
    "(NetworkConfiguration.{config}); give the subnets a NAT gateway or VPC endpoints for what "
    "the {what} must reach"
)

control(
    "BedrockAgentCore.1",
    "AWS::BedrockAgentCore::Runtime",
    check=prop("NetworkConfiguration.NetworkMode", absent="PUBLIC").equals("VPC"),
    fix=_VPC_FIX.format(config="NetworkModeConfig", what="agent"),
    note="The only other mode is `PUBLIC`. CloudFormation leaves `NetworkConfiguration` "
    "optional and documents no default, but the service needs a mode and `VPC` needs "
    "subnets and security groups: a runtime without it is taken as `PUBLIC` (conservative "
    "verdict).",
)

control(
    "BedrockAgentCore.2",
    "AWS::BedrockAgentCore::Gateway",
    check=prop("AuthorizerType", absent=FAILS).one_of(*AUTHORIZING_TYPES),
    fix="set AuthorizerType to AWS_IAM (callers sign with SigV4 and need "
    "bedrock-agentcore:InvokeGateway), or to CUSTOM_JWT with "
    "AuthorizerConfiguration.CustomJWTAuthorizer naming the identity provider's discovery URL "
    "and the allowed audiences, clients or scopes",
    note="`NONE` fails (the AWS Config rule). `AUTHENTICATE_ONLY` fails too: the gateway "
    "validates the caller's token but makes no authorization decision of its own, leaving it "
    "to the targets, a policy engine or an interceptor; the Config rule names only `NONE` "
    "(open question: conservative verdict). `AuthorizerType` is required by CloudFormation; "
    "a template without it does not deploy, and is reported as failing.",
    remedy=Remedy(
        {"AuthorizerType": "AWS_IAM", "AuthorizerConfiguration": None},
        safe=False,
        breaks="Every caller must then sign its requests with SigV4 and be allowed "
        "`bedrock-agentcore:InvokeGateway` by IAM: MCP clients that call the gateway "
        "anonymously or with a bearer token are refused. A JWT authorizer configuration is "
        "removed; choose CUSTOM_JWT yourself to keep token-based callers.",
    ),
)

control(
    "BedrockAgentCore.5",
    "AWS::BedrockAgentCore::BrowserCustom",
    check=prop("NetworkConfiguration.NetworkMode", absent="PUBLIC").equals("VPC"),
    fix=_VPC_FIX.format(config="VpcConfig", what="browser"),
    note="The only other mode is `PUBLIC` (CloudFormation's default for an absent `NetworkMode`).",
)

control(
    "BedrockAgentCore.6",
    "AWS::BedrockAgentCore::BrowserCustom",
    check=all_of(
        prop("RecordingConfig.Enabled", absent=False).is_true(),
        prop("RecordingConfig.S3Location.Bucket", absent=FAILS).not_empty(),
    ),
    fix="set RecordingConfig.Enabled to true and RecordingConfig.S3Location to the bucket and "
    "prefix that receive the recordings (the browser's ExecutionRoleArn must be allowed to "
    "write there)",
    note="Recording enabled without an S3 destination fails: the AWS Config rule asks for "
    "recording to an S3 location.",
)

control(
    "BedrockAgentCore.7",
    "AWS::BedrockAgentCore::CodeInterpreterCustom",
    check=prop("NetworkConfiguration.NetworkMode", absent="SANDBOX").equals("VPC"),
    fix=_VPC_FIX.format(config="VpcConfig", what="code interpreter"),
    note="`PUBLIC` fails, and so does `SANDBOX` (CloudFormation's default for an absent "
    "`NetworkMode`): the sandbox is isolated but still reaches AWS services such as Amazon "
    "S3 outside your network, and the AWS Config rule names both modes as not private.",
)
