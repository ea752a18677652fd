"""Opensearch.7 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_elasticsearch as elasticsearch
from aws_cdk import aws_opensearchservice as opensearch

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

VERSION = opensearch.EngineVersion.OPENSEARCH_2_11


def test_opensearch_7_fine_grained_access_control() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    # Fine-grained access control needs encryption at rest, node-to-node encryption and HTTPS.
    opensearch.Domain(
        stack,
        "FineGrained",
        version=VERSION,
        fine_grained_access_control=opensearch.AdvancedSecurityOptions(master_user_name="admin"),
        encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=True),
        node_to_node_encryption=True,
        enforce_https=True,
    )
    opensearch.Domain(
        stack,
        "Plain",
        version=VERSION,
        encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=True),
        node_to_node_encryption=True,
        enforce_https=True,
    )
    opensearch.CfnDomain(
        stack,
        "Disabled",
        advanced_security_options=opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=False
        ),
    )
    toggle = cdk.CfnParameter(stack, "FineGrainedAccess", allowed_values=["on", "off"])
    condition = cdk.CfnCondition(
        stack, "FineGrainedOn", expression=cdk.Fn.condition_equals(toggle.value_as_string, "on")
    )
    opensearch.CfnDomain(
        stack,
        "Conditional",
        advanced_security_options=opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=cdk.Fn.condition_if(condition.logical_id, True, False)
        ),
    )
    elasticsearch.CfnDomain(stack, "Legacy", elasticsearch_version="7.10")

    result = check_app(app, controls=["Opensearch.7"])

    assert result.resources("Opensearch.7", Status.PASS) == {"S/FineGrained/Resource"}
    assert result.resources("Opensearch.7", Status.FAIL) == {"S/Plain/Resource", "S/Disabled"}
    assert result.resources("Opensearch.7", Status.UNKNOWN) == {"S/Conditional"}
    assert result.resources("Opensearch.7", Status.NOT_APPLICABLE) == {"S/Legacy"}
    assert result.reported() == {
        ("FSBP-Opensearch.7", "error", "S/Plain/Resource"),
        ("FSBP-Opensearch.7", "error", "S/Disabled"),
        ("FSBP-Opensearch.7", "warning", "S/Conditional"),
    }
    (unknown,) = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert "FineGrainedOn" in unknown.verdict.detail
