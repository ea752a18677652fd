"""Amazon Redshift: Redshift.1, Redshift.6, Redshift.8, Redshift.10, Redshift.9 (retired)."""

from __future__ import annotations

from ...engine.checks import control, prop, unknown

control(
    "Redshift.1",
    "AWS::Redshift::Cluster",
    check=prop("PubliclyAccessible", absent=False).is_false(),
    fix="remove PubliclyAccessible, or set it to false",
    note="Absent means private, the current Redshift default for new clusters. Only the flag "
    "is judged, as the Config rule does: the subnet group and security groups are not read.",
)

control(
    "Redshift.6",
    "AWS::Redshift::Cluster",
    check=prop("AllowVersionUpgrade", absent=True).is_true(),
    fix="remove AllowVersionUpgrade, or set it to true",
    note="Absent means the Redshift default, on.",
)

control(
    "Redshift.8",
    "AWS::Redshift::Cluster",
    check=prop(
        "MasterUsername",
        absent=unknown("an admin user name that CloudFormation requires but the template omits"),
    ).none_of("awsuser", ignore_case=True),
    fix="set MasterUsername to a name other than awsuser (chosen at creation: the cluster "
    "is replaced)",
    note="Case is ignored (conservative: Redshift folds unquoted identifiers to lower case, "
    "so `AwsUser` names the same user).",
)

control(
    "Redshift.9",
    "AWS::Redshift::Cluster",
    check=prop(
        "DBName",
        absent=unknown("a database name that CloudFormation requires but the template omits"),
    ).none_of("dev"),
    fix="set DBName to a name other than dev",
    note="Retired control: it runs only with `include_retired=True` or when named in `controls`.",
)

control(
    "Redshift.10",
    "AWS::Redshift::Cluster",
    check=prop("Encrypted", absent=False).is_true(),
    fix="set Encrypted to true, optionally with KmsKeyId",
    note="Any key passes, the AWS managed key included: Security Hub sets no key parameter.",
)
