"""One module per AWS service, one function per control. Importing this package registers them.

To add a control: write a function in the service's module, decorate it with
``@rule("<control id>", "<CloudFormation type>", ...)``, give it a docstring saying what it
checks, and add compliant and noncompliant cases to ``tests/rules/``. The pack's rule ids,
``CONTROLS.md`` and the options all follow from the declaration.
"""

from ..engine.registry import REGISTRY
from . import (  # noqa: F401
    autoscaling,
    cloudformation,
    cloudfront,
    ec2,
    ecr,
    ecs,
    efs,
    eks,
    elb,
    kinesis,
    networkfirewall,
    opensearch,
    redshift,
    s3,
    sns,
    waf,
)

__all__ = ["REGISTRY"]
