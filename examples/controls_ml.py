"""Controls app: machine learning (SageMaker AI).

One resource per control: it violates that control only in the ``noncompliant`` variant and
complies with every checked control of its type in the ``compliant`` one. L1 resources with
explicit properties, so that each control's property is visible and synth needs no lookup.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_sagemaker as sagemaker
from constructs import Construct

from examples import _controls

ACCOUNT = "111111111111"
SUBNET = "subnet-0123456789abcdef0"
SECURITY_GROUP = "sg-0123456789abcdef0"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0123abcd-01ab-23cd-45ef-0123456789ab"
MONITOR_ROLE = f"arn:aws:iam::{ACCOUNT}:role/sagemaker-monitor"
MODEL_ROLE = f"arn:aws:iam::{ACCOUNT}:role/sagemaker-model"
#: Images of a private registry reachable in the VPC (SageMaker.16, SageMaker.19).
PRIVATE_IMAGE = "registry.internal.example.com/ml/{}:1"
PUBLIC_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/ml/{{}}:1"
MONITOR_IMAGE = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
CLARIFY_IMAGE = "205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0"
ENDPOINT = "prod-endpoint"
INPUT = "/opt/ml/processing/input"
OUTPUT = "/opt/ml/processing/output"
BUCKET = "s3://ml-monitoring-111111111111"


def _notebooks(stack: Construct, ok: bool) -> None:
    """SageMaker.1, .2, .3, .8, .21: one notebook instance each."""
    for name, internet, subnet, root, platform, key in (
        ("InternetNotebook", not ok, True, False, True, True),
        # Outside a VPC: CloudFormation would refuse DirectInternetAccess Disabled here, but
        # the template keeps SageMaker.1 compliant so that only SageMaker.2 fires.
        ("ServiceVpcNotebook", False, ok, False, True, True),
        ("RootNotebook", False, True, not ok, True, True),
        ("OldPlatformNotebook", False, True, False, ok, True),
        ("AwsKeyNotebook", False, True, False, True, ok),
    ):
        sagemaker.CfnNotebookInstance(
            stack,
            name,
            instance_type="ml.t3.medium",
            role_arn=f"arn:aws:iam::{ACCOUNT}:role/sagemaker-notebook",
            direct_internet_access="Enabled" if internet else "Disabled",
            subnet_id=SUBNET if subnet else None,
            security_group_ids=[SECURITY_GROUP] if subnet else None,
            root_access="Enabled" if root else "Disabled",
            platform_identifier="notebook-al2023-v1" if platform else "notebook-al2-v3",
            kms_key_id=KEY if key else None,
        )


def _models(stack: Construct, ok: bool) -> None:
    """SageMaker.4, .5, .16, .19: an endpoint configuration and three models."""
    sagemaker.CfnEndpointConfig(
        stack,
        "SingleInstanceEndpointConfig",
        kms_key_id=KEY,
        production_variants=[
            sagemaker.CfnEndpointConfig.ProductionVariantProperty(
                variant_name="main",
                model_name="churn",
                instance_type="ml.m5.large",
                initial_instance_count=2 if ok else 1,
            )
        ],
    )
    vpc = sagemaker.CfnModel.VpcConfigProperty(
        security_group_ids=[SECURITY_GROUP], subnets=[SUBNET]
    )

    def container(name: str, private: bool) -> sagemaker.CfnModel.ContainerDefinitionProperty:
        return sagemaker.CfnModel.ContainerDefinitionProperty(
            image=(PRIVATE_IMAGE if private else PUBLIC_IMAGE).format(name),
            image_config=sagemaker.CfnModel.ImageConfigProperty(
                repository_access_mode="Vpc" if private else "Platform"
            ),
        )

    # SageMaker.5: network isolation; SageMaker.16: the primary container's registry
    for name, isolated, private in (
        ("OpenModel", ok, True),
        ("PlatformImageModel", True, ok),
    ):
        sagemaker.CfnModel(
            stack,
            name,
            execution_role_arn=MODEL_ROLE,
            enable_network_isolation=isolated,
            vpc_config=vpc,
            primary_container=container("churn", private),
        )
    # SageMaker.19: every container of an inference pipeline from the private registry
    sagemaker.CfnModel(
        stack,
        "PlatformImagePipeline",
        execution_role_arn=MODEL_ROLE,
        enable_network_isolation=True,
        vpc_config=vpc,
        containers=[container("preprocess", True), container("churn", ok)],
    )


def _job(
    stack: Construct,
    name: str,
    encrypt: bool,
    isolate: bool,
    job: Any,
    prefix: str,
    app_specification: Any,
    job_input: Any,
) -> None:
    """A monitoring job definition of the L1 class ``job``: its own app specification and
    input (``<prefix>_app_specification``, ``<prefix>_job_input``), and the output, two
    instances and network settings the four job definition types share."""
    output = job.MonitoringOutputConfigProperty(
        kms_key_id=KEY,
        monitoring_outputs=[
            job.MonitoringOutputProperty(
                s3_output=job.S3OutputProperty(s3_uri=f"{BUCKET}/{name}", local_path=OUTPUT)
            )
        ],
    )
    job(
        stack,
        name,
        role_arn=MONITOR_ROLE,
        job_resources=job.MonitoringResourcesProperty(
            cluster_config=job.ClusterConfigProperty(
                instance_count=2, instance_type="ml.m5.large", volume_size_in_gb=20
            )
        ),
        network_config=job.NetworkConfigProperty(
            enable_inter_container_traffic_encryption=encrypt, enable_network_isolation=isolate
        ),
        **{
            f"{prefix}_app_specification": app_specification,
            f"{prefix}_job_input": job_input,
            f"{prefix}_job_output_config": output,
        },
    )


def _data_quality(stack: Construct, name: str, encrypt: bool, isolate: bool) -> None:
    job = sagemaker.CfnDataQualityJobDefinition
    app = job.DataQualityAppSpecificationProperty(image_uri=MONITOR_IMAGE)
    job_input = job.DataQualityJobInputProperty(
        endpoint_input=job.EndpointInputProperty(endpoint_name=ENDPOINT, local_path=INPUT)
    )
    _job(stack, name, encrypt, isolate, job, "data_quality", app, job_input)


def _model_bias(stack: Construct, name: str, encrypt: bool, isolate: bool) -> None:
    job = sagemaker.CfnModelBiasJobDefinition
    app = job.ModelBiasAppSpecificationProperty(
        image_uri=CLARIFY_IMAGE, config_uri=f"{BUCKET}/bias/analysis_config.json"
    )
    job_input = job.ModelBiasJobInputProperty(
        endpoint_input=job.EndpointInputProperty(endpoint_name=ENDPOINT, local_path=INPUT),
        ground_truth_s3_input=job.MonitoringGroundTruthS3InputProperty(
            s3_uri=f"{BUCKET}/ground-truth"
        ),
    )
    _job(stack, name, encrypt, isolate, job, "model_bias", app, job_input)


def _explainability(stack: Construct, name: str, encrypt: bool, isolate: bool) -> None:
    job = sagemaker.CfnModelExplainabilityJobDefinition
    app = job.ModelExplainabilityAppSpecificationProperty(
        image_uri=CLARIFY_IMAGE, config_uri=f"{BUCKET}/explainability/analysis_config.json"
    )
    job_input = job.ModelExplainabilityJobInputProperty(
        endpoint_input=job.EndpointInputProperty(endpoint_name=ENDPOINT, local_path=INPUT)
    )
    _job(stack, name, encrypt, isolate, job, "model_explainability", app, job_input)


def _model_quality(stack: Construct, name: str, encrypt: bool, isolate: bool) -> None:
    job = sagemaker.CfnModelQualityJobDefinition
    app = job.ModelQualityAppSpecificationProperty(
        image_uri=MONITOR_IMAGE, problem_type="BinaryClassification"
    )
    job_input = job.ModelQualityJobInputProperty(
        endpoint_input=job.EndpointInputProperty(endpoint_name=ENDPOINT, local_path=INPUT),
        ground_truth_s3_input=job.MonitoringGroundTruthS3InputProperty(
            s3_uri=f"{BUCKET}/ground-truth"
        ),
    )
    _job(stack, name, encrypt, isolate, job, "model_quality", app, job_input)


def _schedule(stack: Construct, name: str, encrypt: bool, isolate: bool) -> None:
    schedule = sagemaker.CfnMonitoringSchedule
    schedule(
        stack,
        name,
        monitoring_schedule_name=name,
        monitoring_schedule_config=schedule.MonitoringScheduleConfigProperty(
            monitoring_type="DataQuality",
            schedule_config=schedule.ScheduleConfigProperty(
                schedule_expression="cron(0 * ? * * *)"
            ),
            monitoring_job_definition=schedule.MonitoringJobDefinitionProperty(
                role_arn=MONITOR_ROLE,
                monitoring_app_specification=schedule.MonitoringAppSpecificationProperty(
                    image_uri=MONITOR_IMAGE
                ),
                monitoring_inputs=[
                    schedule.MonitoringInputProperty(
                        endpoint_input=schedule.EndpointInputProperty(
                            endpoint_name=ENDPOINT, local_path=INPUT
                        )
                    )
                ],
                monitoring_output_config=schedule.MonitoringOutputConfigProperty(
                    kms_key_id=KEY,
                    monitoring_outputs=[
                        schedule.MonitoringOutputProperty(
                            s3_output=schedule.S3OutputProperty(
                                s3_uri=f"{BUCKET}/{name}", local_path=OUTPUT
                            )
                        )
                    ],
                ),
                monitoring_resources=schedule.MonitoringResourcesProperty(
                    cluster_config=schedule.ClusterConfigProperty(
                        instance_count=2, instance_type="ml.m5.large", volume_size_in_gb=20
                    )
                ),
                network_config=schedule.NetworkConfigProperty(
                    enable_inter_container_traffic_encryption=encrypt,
                    enable_network_isolation=isolate,
                ),
            ),
        ),
    )


def _monitoring(stack: Construct, ok: bool) -> None:
    """SageMaker.9-15, .20, .22, .25: inter-container traffic encryption and network
    isolation on each kind of monitoring job (two instances, so that encryption matters)."""
    for build, unencrypted, open_ in (
        (_data_quality, "UnencryptedDataQualityJob", "OpenDataQualityJob"),  # .9, .11
        (_model_bias, "UnencryptedModelBiasJob", "OpenModelBiasJob"),  # .15, .12
        (_explainability, "UnencryptedExplainabilityJob", "OpenExplainabilityJob"),  # .10, .20
        (_model_quality, "UnencryptedModelQualityJob", "OpenModelQualityJob"),  # .13, .25
        (_schedule, "UnencryptedSchedule", "OpenSchedule"),  # .22, .14
    ):
        build(stack, unencrypted, ok, True)
        build(stack, open_, True, ok)


def _feature_store(stack: Construct, ok: bool) -> None:
    """SageMaker.17, .23, .24: KMS keys for the offline store and for inference experiments."""
    features = sagemaker.CfnFeatureGroup
    features(
        stack,
        "UnencryptedFeatureGroup",
        feature_group_name="customers",
        record_identifier_feature_name="customer_id",
        event_time_feature_name="event_time",
        feature_definitions=[
            features.FeatureDefinitionProperty(feature_name="customer_id", feature_type="String"),
            features.FeatureDefinitionProperty(feature_name="event_time", feature_type="String"),
        ],
        role_arn=f"arn:aws:iam::{ACCOUNT}:role/sagemaker-feature-store",
        # OfflineStoreConfig is untyped JSON in the L1: CloudFormation's own spelling, as
        # CDK renders a property class here in camelCase, which CloudFormation refuses.
        offline_store_config={
            "S3StorageConfig": {"S3Uri": "s3://ml-features-111111111111/offline"}
            | ({"KmsKeyId": KEY} if ok else {})
        },
    )
    experiment = sagemaker.CfnInferenceExperiment
    for name, volume_key, capture_key in (
        ("UnencryptedVolumeExperiment", ok, True),  # .23
        ("UnencryptedCaptureExperiment", True, ok),  # .24
    ):
        experiment(
            stack,
            name,
            name=name,
            type="ShadowMode",
            role_arn=f"arn:aws:iam::{ACCOUNT}:role/sagemaker-experiment",
            endpoint_name=ENDPOINT,
            kms_key=KEY if volume_key else None,
            data_storage_config=experiment.DataStorageConfigProperty(
                destination=f"s3://ml-experiments-111111111111/{name}",
                kms_key=KEY if capture_key else None,
            ),
            model_variants=[
                experiment.ModelVariantConfigProperty(
                    model_name="churn",
                    variant_name="production",
                    infrastructure_config=experiment.ModelInfrastructureConfigProperty(
                        infrastructure_type="RealTimeInference",
                        real_time_inference_config=experiment.RealTimeInferenceConfigProperty(
                            instance_type="ml.m5.large", instance_count=1
                        ),
                    ),
                ),
                experiment.ModelVariantConfigProperty(
                    model_name="churn-v2",
                    variant_name="shadow",
                    infrastructure_config=experiment.ModelInfrastructureConfigProperty(
                        infrastructure_type="RealTimeInference",
                        real_time_inference_config=experiment.RealTimeInferenceConfigProperty(
                            instance_type="ml.m5.large", instance_count=1
                        ),
                    ),
                ),
            ],
            shadow_mode_config=experiment.ShadowModeConfigProperty(
                source_model_variant_name="production",
                shadow_model_variants=[
                    experiment.ShadowModelVariantConfigProperty(
                        shadow_model_variant_name="shadow", sampling_percentage=10
                    )
                ],
            ),
        )


def add(stack: Construct, ok: bool) -> None:
    _notebooks(stack, ok)
    _models(stack, ok)
    _monitoring(stack, ok)
    _feature_store(stack, ok)


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
