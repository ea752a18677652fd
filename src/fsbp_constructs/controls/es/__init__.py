"""Amazon Elasticsearch Service (legacy `AWS::Elasticsearch::Domain`): ES.1, ES.2, ES.3, ES.4,
ES.5, ES.6, ES.7, ES.8."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, prop
from ...engine.registry import Remedy

__all__ = ["ES_LATEST_TLS_POLICIES"]


#: The TLS security policies ES.8 (and Opensearch.8) accept as "the latest": TLS 1.2 and newer
#: with forward secrecy, and the FIPS variant published after it (both named by the control
#: pages since 2024).
ES_LATEST_TLS_POLICIES = (
    "Policy-Min-TLS-1-2-PFS-2023-10",
    "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08",
)

_DOMAIN = "AWS::Elasticsearch::Domain"

control(
    "ES.1",
    _DOMAIN,
    check=prop("EncryptionAtRestOptions.Enabled", absent=False).is_true(),
    fix="set EncryptionAtRestOptions.Enabled to true (optionally with a KmsKeyId); this "
    "replaces an existing domain, and needs Elasticsearch 5.1 or later and an instance type "
    "that supports it",
    note="Domains without `EncryptionAtRestOptions` are created unencrypted.",
    remedy=Remedy(
        {"EncryptionAtRestOptions.Enabled": True},
        safe=False,
        breaks="Enabling encryption on an existing domain replaces it (its data is lost "
        "unless restored from a snapshot); needs Elasticsearch 5.1 or later.",
    ),
)

control(
    "ES.2",
    _DOMAIN,
    check=prop("VPCOptions.SubnetIds", absent=FAILS).not_empty(),
    fix="place the domain in a VPC: set VPCOptions.SubnetIds (and SecurityGroupIds); a "
    "public domain cannot be moved into a VPC, it is replaced",
    note="A domain without `VPCOptions` gets a public endpoint, which fails whatever its "
    "`AccessPolicies` say (the Config rule judges the endpoint, not the policy). A list of subnet "
    "references counts, as only its presence matters; a whole list from a parameter or an "
    "import is UNKNOWN.",
)

control(
    "ES.3",
    _DOMAIN,
    check=prop("NodeToNodeEncryptionOptions.Enabled", absent=False).is_true(),
    fix="set NodeToNodeEncryptionOptions.Enabled to true (Elasticsearch 6.0 or later)",
    note="Domains without `NodeToNodeEncryptionOptions` are created without node-to-node "
    "encryption.",
    remedy=Remedy(
        {"NodeToNodeEncryptionOptions.Enabled": True},
        safe=False,
        breaks="Needs Elasticsearch 6.0 or later; on an existing domain before 6.7 the "
        "domain is replaced.",
    ),
)

control(
    "ES.4",
    _DOMAIN,
    check=all_of(
        prop("LogPublishingOptions.ES_APPLICATION_LOGS.Enabled", absent=False).is_true(),
        prop(
            "LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn", absent=FAILS
        ).not_empty(),
    ),
    fix="add LogPublishingOptions.ES_APPLICATION_LOGS with Enabled true and a "
    "CloudWatchLogsLogGroupArn (whose resource policy lets es.amazonaws.com write to it)",
    note="Error logs are the `ES_APPLICATION_LOGS` entry; slow logs and audit logs do not "
    "count. An entry without `Enabled` is read as disabled (the API treats an unset flag as "
    "off; conservative verdict).",
)

control(
    "ES.5",
    _DOMAIN,
    check=all_of(
        prop("LogPublishingOptions.AUDIT_LOGS.Enabled", absent=False).is_true(),
        prop("LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn", absent=FAILS).not_empty(),
    ),
    fix="add LogPublishingOptions.AUDIT_LOGS with Enabled true and a CloudWatchLogsLogGroupArn "
    "(audit logs need fine-grained access control, AdvancedSecurityOptions.Enabled true)",
    note="Audit logs are the `AUDIT_LOGS` entry; error and slow logs do not count. An entry "
    "without `Enabled` is read as disabled (conservative verdict).",
)

control(
    "ES.6",
    _DOMAIN,
    check=all_of(
        prop("ElasticsearchClusterConfig.InstanceCount", absent=1).at_least(3),
        prop("ElasticsearchClusterConfig.ZoneAwarenessEnabled", absent=False).is_true(),
    ),
    fix="set ElasticsearchClusterConfig.InstanceCount to 3 or more and "
    "ElasticsearchClusterConfig.ZoneAwarenessEnabled to true",
    note="Both halves are required: three data nodes in one Availability Zone fail, as does "
    "zone awareness with two nodes. A domain without `ElasticsearchClusterConfig` has one "
    "data node and no zone awareness.",
)

control(
    "ES.7",
    _DOMAIN,
    check=all_of(
        prop("ElasticsearchClusterConfig.DedicatedMasterEnabled", absent=False).is_true(),
        prop("ElasticsearchClusterConfig.DedicatedMasterCount", absent=FAILS).at_least(3),
    ),
    fix="set ElasticsearchClusterConfig.DedicatedMasterEnabled to true and "
    "ElasticsearchClusterConfig.DedicatedMasterCount to 3 (or 5)",
    note="Dedicated master nodes enabled without a `DedicatedMasterCount` fail: the template "
    "does not show how many the service creates (conservative verdict).",
)

control(
    "ES.8",
    _DOMAIN,
    check=all_of(
        prop("DomainEndpointOptions.EnforceHTTPS", absent=False).is_true(),
        prop("DomainEndpointOptions.TLSSecurityPolicy", absent="Policy-Min-TLS-1-0-2019-07").one_of(
            *ES_LATEST_TLS_POLICIES
        ),
    ),
    fix="set DomainEndpointOptions.EnforceHTTPS to true and "
    "DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10",
    note="`Policy-Min-TLS-1-2-2019-07` fails: the control accepts only the latest policies, "
    "`Policy-Min-TLS-1-2-PFS-2023-10` and `Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08`. Absent "
    "means `Policy-Min-TLS-1-0-2019-07`. AWS raises the bar when it publishes a newer "
    "policy, so a template that passes today can fail later.",
    remedy=Remedy(
        {
            "DomainEndpointOptions.EnforceHTTPS": True,
            "DomainEndpointOptions.TLSSecurityPolicy": ES_LATEST_TLS_POLICIES[0],
        },
        safe=False,
        breaks="Clients that speak plain HTTP, TLS 1.0 or 1.1, or lack forward-secrecy "
        "cipher suites can no longer connect.",
    ),
)
