"""What the SageMaker AI modules share: the resource types they judge, and the cost of a
property that replaces its resource."""

from __future__ import annotations

#: The notebook platform identifiers SageMaker.8 accepts (Security Hub's
#: `supportedPlatformIdentifierVersions`, not customizable; it changes as Amazon Linux
#: versions reach end of support).
SUPPORTED_NOTEBOOK_PLATFORMS = ("notebook-al2023-v1",)

NOTEBOOK = "AWS::SageMaker::NotebookInstance"
MODEL = "AWS::SageMaker::Model"
SCHEDULE = "AWS::SageMaker::MonitoringSchedule"
EXPERIMENT = "AWS::SageMaker::InferenceExperiment"
DATA_QUALITY = "AWS::SageMaker::DataQualityJobDefinition"
MODEL_BIAS = "AWS::SageMaker::ModelBiasJobDefinition"
EXPLAINABILITY = "AWS::SageMaker::ModelExplainabilityJobDefinition"
MODEL_QUALITY = "AWS::SageMaker::ModelQualityJobDefinition"

REPLACED = (
    "CloudFormation replaces the resource to change this property: a fixed name "
    "(`{name}`) blocks the replacement until it is changed or removed"
)
