"""AWS CodeBuild: CodeBuild.1, CodeBuild.2, CodeBuild.3, CodeBuild.4, CodeBuild.7."""

from __future__ import annotations

from ...engine.checks import PASSES, all_of, any_of, control, each, prop, some

__all__ = ["CREDENTIAL_VARIABLES"]

#: A URL without user information (nothing between ``scheme://`` and an ``@`` before the
#: host): what CodeBuild.1 accepts.
_NO_USER_INFO = r"^(?![A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@)"


control(
    "CodeBuild.1",
    "AWS::CodeBuild::Project",
    check=all_of(
        any_of(
            prop("Source.Location", absent=PASSES).matches(_NO_USER_INFO),
            prop("Source.Type", absent=PASSES).none_of("BITBUCKET"),
        ),
        each(
            "SecondarySources",
            any_of(
                prop("Location", absent=PASSES).matches(_NO_USER_INFO),
                prop("Type", absent=PASSES).none_of("BITBUCKET"),
            ),
        ),
    ),
    when=any_of(
        prop("Source.Type", absent="NO_SOURCE").equals("BITBUCKET"),
        some("SecondarySources", prop("Type", absent="NO_SOURCE").equals("BITBUCKET")),
    ),
    fix="remove the user name, password or token from the Bitbucket Location "
    "(https://bitbucket.org/<owner>/<repo>.git) and connect CodeBuild to Bitbucket with an "
    "AWS::CodeBuild::SourceCredential or a CodeConnections connection",
    note="Every `BITBUCKET` source is read (`Source` and `SecondarySources`); a location "
    "with any user information before the host (`https://user@...`, `https://user:token@...`) "
    "fails, a user name alone included (conservative: the part before `@` may be a token). "
    "Projects without a Bitbucket source are not applicable.",
)

#: Environment variable names CodeBuild.2 flags when their value is in plain text.
CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")

control(
    "CodeBuild.2",
    "AWS::CodeBuild::Project",
    check=each(
        "Environment.EnvironmentVariables",
        any_of(
            prop("Name", absent=PASSES).none_of(*CREDENTIAL_VARIABLES),
            prop("Type", absent="PLAINTEXT").none_of("PLAINTEXT"),
        ),
    ),
    fix="give the project a ServiceRole instead of access keys; if a key must be passed, set "
    "the variable's Type to PARAMETER_STORE or SECRETS_MANAGER and its Value to the "
    "parameter or secret name",
    note="A variable without `Type` is `PLAINTEXT`. Names are compared as written (the Config "
    "rule matches them exactly); values are not inspected.",
)

control(
    "CodeBuild.3",
    "AWS::CodeBuild::Project",
    check=prop("LogsConfig.S3Logs.EncryptionDisabled", absent=False).is_false(),
    when=prop("LogsConfig.S3Logs.Status", absent="DISABLED").equals("ENABLED"),
    fix="remove LogsConfig.S3Logs.EncryptionDisabled, or set it to false",
    note="Projects that do not publish build logs to S3 (`LogsConfig.S3Logs.Status` absent or "
    "`DISABLED`) are not applicable.",
)

control(
    "CodeBuild.4",
    "AWS::CodeBuild::Project",
    check=any_of(
        prop("LogsConfig.CloudWatchLogs.Status", absent="ENABLED").equals("ENABLED"),
        prop("LogsConfig.S3Logs.Status", absent="DISABLED").equals("ENABLED"),
    ),
    fix="remove LogsConfig.CloudWatchLogs.Status or set it to ENABLED, or set "
    "LogsConfig.S3Logs.Status to ENABLED with a Location",
    note="CodeBuild sends build logs to CloudWatch Logs unless told not to, so a project "
    "without `LogsConfig` passes; it fails only when every log destination is `DISABLED`.",
)

control(
    "CodeBuild.7",
    "AWS::CodeBuild::ReportGroup",
    check=prop("ExportConfig.S3Destination.EncryptionDisabled", absent=False).is_false(),
    when=prop("ExportConfig.ExportConfigType", absent="NO_EXPORT").equals("S3"),
    fix="remove ExportConfig.S3Destination.EncryptionDisabled, or set it to false (optionally "
    "with an EncryptionKey)",
    note="Report groups that do not export to S3 (`ExportConfigType` `NO_EXPORT`) are not "
    "applicable.",
)
