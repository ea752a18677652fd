"""Amazon Redshift Serverless: RedshiftServerless.1, RedshiftServerless.2,
RedshiftServerless.3, RedshiftServerless.5, RedshiftServerless.6."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, prop, setting, unknown

control(
    "RedshiftServerless.1",
    "AWS::RedshiftServerless::Workgroup",
    check=prop("EnhancedVpcRouting", absent=False).is_true(),
    fix="set EnhancedVpcRouting to true",
    note="Absent means off, the Redshift Serverless default.",
)

control(
    "RedshiftServerless.2",
    "AWS::RedshiftServerless::Workgroup",
    check=setting(
        "ConfigParameters",
        "ParameterKey",
        "require_ssl",
        "ParameterValue",
        absent=unknown(
            "the service's require_ssl default for new workgroups, which the template does "
            "not state"
        ),
    ).one_of("true", ignore_case=True),
    fix="add the ConfigParameters entry {ParameterKey: require_ssl, ParameterValue: true}",
    note="A workgroup that does not set `require_ssl` is UNKNOWN (conservative: the pages do "
    "not agree on the default for new workgroups); set it explicitly.",
)

control(
    "RedshiftServerless.3",
    "AWS::RedshiftServerless::Workgroup",
    check=prop("PubliclyAccessible", absent=False).is_false(),
    fix="remove PubliclyAccessible, or set it to false",
    note="Absent means private, the Redshift Serverless default. Only the flag is judged: "
    "the subnets and security groups are not read.",
)

control(
    "RedshiftServerless.5",
    "AWS::RedshiftServerless::Namespace",
    check=prop(
        "AdminUsername",
        absent=unknown("the admin user name the service picks when the template omits it"),
    ).none_of("admin", ignore_case=True),
    fix="set AdminUsername to a name other than admin (chosen at creation: the namespace is "
    "replaced)",
    note="Case is ignored (conservative: Redshift folds unquoted identifiers to lower case). "
    "A namespace without `AdminUsername` is UNKNOWN: the console proposes `admin`.",
)

control(
    "RedshiftServerless.6",
    "AWS::RedshiftServerless::Namespace",
    check=all_of(
        prop("LogExports", absent=FAILS).contains("connectionlog"),
        prop("LogExports", absent=FAILS).contains("userlog"),
    ),
    fix="set LogExports to include connectionlog and userlog (useractivitylog may be added)",
    note="Both log types are required, the Config rule's default `logType` "
    "(`connectionlog,userlog`); `useractivitylog` is neither required nor enough.",
)
