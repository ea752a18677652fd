"""Plain aws-cdk-lib apps, written the way the L2s' own docs show them: no Secure construct,
no FsbpDefaults. Each stack is one service group of the coverage issues.

The pack must not crash on them, and every finding must be one Security Hub would report on
the deployed resources: ``docs/real-apps.md`` reviews each finding by hand, and
``tests/test_plain_apps.py`` pins them (a change in what a default L2 is told is reviewed).

    cdk synth --app "python -m examples.plain_apps"      # exits 1: the findings
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_efs as efs
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from fsbp_constructs import FsbpChecks

ENV = cdk.Environment(account="111111111111", region="us-east-1")
#: Context lookups answered in advance (what cdk.context.json holds): synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": [
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
    ],
}


class Databases(cdk.Stack):
    """RDS, Aurora, DocumentDB and DynamoDB, as their L2 docs show them."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, env=ENV)
        vpc = ec2.Vpc(self, "Vpc", max_azs=2)
        rds.DatabaseInstance(
            self,
            "Postgres",
            engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16_3),
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
            vpc=vpc,
        )
        rds.DatabaseCluster(
            self,
            "Aurora",
            engine=rds.DatabaseClusterEngine.aurora_mysql(
                version=rds.AuroraMysqlEngineVersion.VER_3_07_1
            ),
            writer=rds.ClusterInstance.serverless_v2("writer"),
            vpc=vpc,
        )
        docdb.DatabaseCluster(
            self,
            "Documents",
            master_user=docdb.Login(username="docdbadmin"),
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
            vpc=vpc,
        )
        dynamodb.Table(
            self,
            "Table",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
        )
        dynamodb.TableV2(
            self,
            "GlobalTable",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
        )


class Storage(cdk.Stack):
    """S3, EFS, Kinesis and Firehose."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, env=ENV)
        bucket = s3.Bucket(self, "Bucket")
        vpc = ec2.Vpc(self, "Vpc", max_azs=2)
        efs.FileSystem(self, "Files", vpc=vpc)
        kinesis.Stream(self, "Stream")
        firehose.DeliveryStream(self, "Delivery", destination=firehose.S3Bucket(bucket))


class Edge(cdk.Stack):
    """Lambda behind API Gateway, CloudFront in front of a bucket, Step Functions."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, env=ENV)
        handler = lambda_.Function(
            self,
            "Handler",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
        )
        apigateway.LambdaRestApi(self, "Api", handler=handler)
        cloudfront.Distribution(
            self,
            "Cdn",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(s3.Bucket(self, "Site"))
            ),
        )
        sfn.StateMachine(
            self,
            "Flow",
            definition_body=sfn.DefinitionBody.from_chainable(sfn.Pass(self, "Start")),
        )


class Messaging(cdk.Stack):
    """Queues, topics, keys, secrets and a user pool."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, env=ENV)
        sqs.Queue(self, "Queue")
        sns.Topic(self, "Topic")
        kms.Key(self, "Key")
        secretsmanager.Secret(self, "Secret")
        cognito.UserPool(self, "Users")


#: The stacks, one per service group.
STACKS: tuple[type[cdk.Stack], ...] = (Databases, Storage, Edge, Messaging)


def build(outdir: str | None = None) -> cdk.App:
    """Every plain stack, with ``FsbpChecks`` (the active controls, as a team registers it)."""
    app = cdk.App(outdir=outdir, context=LOOKUPS)
    for stack in STACKS:
        stack(app, stack.__name__)
    cdk.Validations.of(app).add_plugins(FsbpChecks(app))
    return app


if __name__ == "__main__":
    build().synth()
