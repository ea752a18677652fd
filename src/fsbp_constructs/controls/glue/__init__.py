"""AWS Glue: Glue.3, Glue.4."""

from __future__ import annotations

from ...engine.checks import control, param, prop
from ...engine.registry import Parameter, Remedy

control(
    "Glue.3",
    "AWS::Glue::MLTransform",
    check=prop(
        "TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode", absent="DISABLED"
    ).equals("SSE-KMS"),
    fix="set TransformEncryption.MLUserDataEncryption with MLUserDataEncryptionMode SSE-KMS "
    "and a KmsKeyId",
    note="Absent means the transform's user data is not encrypted with KMS. No remedy: "
    "`SSE-KMS` needs a `KmsKeyId` too, a key whose policy must let Glue use it.",
)

#: The values Security Hub accepts as ``minimumSupportedGlueVersion``: its control page gives
#: `3.0` and says the parameter is not customizable (checked 2026-11-30).
GLUE_VERSIONS = ("3.0",)
#: Command names of Spark jobs (batch ETL and streaming); Python shell (``pythonshell``)
#: and Ray (``glueray``) jobs are out of the control's scope.
SPARK_COMMANDS = ("glueetl", "gluestreaming")


def _glue_version(value: object) -> str:
    if value not in GLUE_VERSIONS:
        raise ValueError(
            f"must be {' or '.join(GLUE_VERSIONS)} (Security Hub's value, not customizable), "
            f"not {value!r}"
        )
    return str(value)


control(
    "Glue.4",
    "AWS::Glue::Job",
    check=prop("GlueVersion", absent="0.9").at_least(param("minimumSupportedGlueVersion")),
    when=prop("Command.Name", absent="glueetl").one_of(*SPARK_COMMANDS),
    parameters=[
        Parameter(
            "minimumSupportedGlueVersion",
            default="3.0",
            description="Oldest Glue version a Spark job may run on (3.0; not customizable in "
            "Security Hub).",
            parse=_glue_version,
        )
    ],
    remedy=Remedy(
        {"GlueVersion": "5.0"},
        safe=False,
        breaks="The job runs on Spark 3.5 and Python 3.11 instead of Glue 0.9's Spark 2.2 "
        "and Python 2.7: scripts and libraries written for the old runtime may fail.",
    ),
    fix="set GlueVersion to 3.0 (minimumSupportedGlueVersion) or later (5.0 is the newest)",
    note="Glue gives a job created without `GlueVersion` the oldest version, 0.9, which fails "
    "(conservative verdict: Glue no longer runs it). A `Command.Name` of `pythonshell` or "
    "`glueray` is not a Spark job and is not applicable; an absent `Command.Name` means "
    "`glueetl`. Versions are compared as numbers (`4.0` is at least `3.0`). Security Hub's "
    "page (checked 2026-11-30, from a copy of glue-controls.html) gives "
    "`minimumSupportedGlueVersion` `3.0`, not customizable: any other value is refused. Its "
    "note that a job without `GlueVersion` fails agrees with the absent verdict.",
)
