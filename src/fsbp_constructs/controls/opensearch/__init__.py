"""Amazon OpenSearch Service: Opensearch.1, Opensearch.2, Opensearch.3, Opensearch.4,
Opensearch.5, Opensearch.6, Opensearch.7, Opensearch.8."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, prop
from ...engine.registry import Remedy
from ..es import ES_LATEST_TLS_POLICIES

_DOMAIN = "AWS::OpenSearchService::Domain"

_LEGACY = {
    "AWS::Elasticsearch::Domain": "a legacy Elasticsearch domain: the Config rule does not "
    "evaluate Elasticsearch domains, the ES controls do",
}

control(
    "Opensearch.1",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("EncryptionAtRestOptions.Enabled", absent=False).is_true(),
    fix="set EncryptionAtRestOptions.Enabled to true (optionally with a KmsKeyId)",
    not_applicable=_LEGACY,
    note="Domains without `EncryptionAtRestOptions` are created unencrypted. Security Hub's "
    "Config rule reads the recorded `AWS::OpenSearch::Domain`, which is CloudFormation's "
    "`AWS::OpenSearchService::Domain`.",
    remedy=Remedy(
        {"EncryptionAtRestOptions.Enabled": True},
        safe=False,
        breaks="Enabling encryption on an existing domain before OpenSearch 1.x/Elasticsearch "
        "6.7 replaces it; KMS requests are billed.",
    ),
)

control(
    "Opensearch.3",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("NodeToNodeEncryptionOptions.Enabled", absent=False).is_true(),
    fix="set NodeToNodeEncryptionOptions.Enabled to true",
    not_applicable=_LEGACY,
    note="Domains without `NodeToNodeEncryptionOptions` are created without node-to-node "
    "encryption.",
    remedy=Remedy(
        {"NodeToNodeEncryptionOptions.Enabled": True},
        safe=False,
        breaks="On an existing domain before Elasticsearch 6.7 the domain is replaced.",
    ),
)

control(
    "Opensearch.7",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("AdvancedSecurityOptions.Enabled", absent=False).is_true(),
    fix="set AdvancedSecurityOptions.Enabled to true with AdvancedSecurityOptions."
    "MasterUserOptions (a MasterUserARN, or a MasterUserName and MasterUserPassword with "
    "InternalUserDatabaseEnabled true); "
    "fine-grained access control also needs EncryptionAtRestOptions.Enabled, "
    "NodeToNodeEncryptionOptions.Enabled and DomainEndpointOptions.EnforceHTTPS set to true",
    not_applicable={
        "AWS::Elasticsearch::Domain": "a legacy Elasticsearch domain, provisionally out of scope",
    },
    note="Security Hub's Config rule reads the recorded `AWS::OpenSearch::Domain`, which is "
    "CloudFormation's `AWS::OpenSearchService::Domain`; whether it also evaluates legacy "
    "`AWS::Elasticsearch::Domain` resources is undocumented (open question).",
)

control(
    "Opensearch.2",
    _DOMAIN,
    "AWS::Elasticsearch::Domain",
    check=prop("VPCOptions.SubnetIds", absent=FAILS).not_empty(),
    fix="place the domain in a VPC: set VPCOptions.SubnetIds (and SecurityGroupIds); a "
    "public domain cannot be moved into a VPC, it is replaced",
    not_applicable=_LEGACY,
    note="A domain without `VPCOptions` gets a public endpoint, which fails whatever its "
    "`AccessPolicies` say (the Config rule judges the endpoint, not the policy). A list of "
    "subnet references counts, as only its presence matters.",
)

control(
    "Opensearch.4",
    _DOMAIN,
    "AWS::Elasticsearch::Domain",
    check=all_of(
        prop("LogPublishingOptions.ES_APPLICATION_LOGS.Enabled", absent=False).is_true(),
        prop(
            "LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn", absent=FAILS
        ).not_empty(),
    ),
    fix="add LogPublishingOptions.ES_APPLICATION_LOGS with Enabled true and a "
    "CloudWatchLogsLogGroupArn (whose resource policy lets es.amazonaws.com write to it)",
    not_applicable=_LEGACY,
    note="Error logs are the `ES_APPLICATION_LOGS` entry; slow logs and audit logs do not "
    "count. An entry without `Enabled` is read as disabled (conservative verdict).",
)

control(
    "Opensearch.5",
    _DOMAIN,
    "AWS::Elasticsearch::Domain",
    check=all_of(
        prop("LogPublishingOptions.AUDIT_LOGS.Enabled", absent=False).is_true(),
        prop("LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn", absent=FAILS).not_empty(),
    ),
    fix="add LogPublishingOptions.AUDIT_LOGS with Enabled true and a CloudWatchLogsLogGroupArn "
    "(audit logs need fine-grained access control, AdvancedSecurityOptions.Enabled true)",
    not_applicable=_LEGACY,
    note="Audit logs are the `AUDIT_LOGS` entry; error and slow logs do not count. An entry "
    "without `Enabled` is read as disabled (conservative verdict).",
)

control(
    "Opensearch.6",
    _DOMAIN,
    "AWS::Elasticsearch::Domain",
    check=all_of(
        prop("ClusterConfig.InstanceCount", absent=1).at_least(3),
        prop("ClusterConfig.ZoneAwarenessEnabled", absent=False).is_true(),
    ),
    fix="set ClusterConfig.InstanceCount to 3 or more and ClusterConfig.ZoneAwarenessEnabled "
    "to true",
    not_applicable=_LEGACY,
    note="Both halves are required, as the Config rule reads both: three data nodes in one "
    "Availability Zone fail, as does zone awareness with two nodes. A domain without "
    "`ClusterConfig` has one data node and no zone awareness.",
)

control(
    "Opensearch.8",
    _DOMAIN,
    "AWS::Elasticsearch::Domain",
    check=all_of(
        prop("DomainEndpointOptions.EnforceHTTPS", absent=False).is_true(),
        prop("DomainEndpointOptions.TLSSecurityPolicy", absent="Policy-Min-TLS-1-0-2019-07").one_of(
            *ES_LATEST_TLS_POLICIES
        ),
    ),
    fix="set DomainEndpointOptions.EnforceHTTPS to true and "
    "DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10",
    not_applicable=_LEGACY,
    note="`Policy-Min-TLS-1-2-2019-07` fails: Security Hub's `tlsPolicies` are "
    "`Policy-Min-TLS-1-2-PFS-2023-10` and `Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08`. Absent "
    "means `Policy-Min-TLS-1-0-2019-07` (conservative: whatever the service picks for a new "
    "domain, it is not one of the two).",
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
