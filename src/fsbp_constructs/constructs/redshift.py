"""Amazon Redshift: a provisioned cluster that is private, encrypted and logged."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_redshift as redshift
from constructs import Construct

__all__ = ["SecureRedshiftCluster"]

_LOG_EXPORTS = ["connectionlog", "userlog", "useractivitylog"]


class SecureRedshiftCluster(Construct):
    """An ``AWS::Redshift::Cluster`` with the FSBP Redshift controls met by default.

    aws-cdk-lib has only the L1 (the Redshift L2 lives in the alpha package
    ``aws-cdk.aws-redshift-alpha``), so this is a construct whose child ``Resource`` is the
    ``redshift.CfnCluster`` (``node.default_child``, also :attr:`resource`).

    Required:

    - ``db_name`` (Redshift.9, retired): the first database's name. ``dev``, the default
      name, is refused at construction.
    - ``node_type``, e.g. ``"ra3.large"``.

    Secure defaults (any keyword given wins; ``FsbpChecks`` flags ``DBName`` ``dev`` set
    through an escape hatch):

    - ``master_username``: ``"rsadmin"`` (Redshift.8: not ``awsuser``).
    - ``manage_master_password``: ``True`` when no ``master_user_password`` is given: Redshift
      keeps the password in Secrets Manager (:attr:`master_password_secret_arn`), never in
      the template.
    - ``encrypted``: ``True`` (Redshift.10); give ``kms_key_id`` for a customer-managed key.
    - ``publicly_accessible``: ``False`` (Redshift.1).
    - ``automated_snapshot_retention_period``: ``7`` days (Redshift.3).
    - ``allow_version_upgrade``: ``True`` (Redshift.6).
    - ``enhanced_vpc_routing``: ``True`` (Redshift.7).
    - ``logging_properties``: export ``connectionlog``, ``userlog`` and ``useractivitylog`` to
      CloudWatch Logs (Redshift.4; costs log ingestion).
    - ``cluster_parameter_group_name``: a parameter group created as the child
      ``ParameterGroup`` (:attr:`parameter_group`) with ``require_ssl`` (Redshift.2) and
      ``enable_user_activity_logging`` on. Give your own group's name to use it instead.
    - ``cluster_type``: ``"multi-node"`` when ``number_of_nodes`` is above 1, else
      ``"single-node"``.

    Every other keyword is a ``redshift.CfnCluster`` property (``cluster_subnet_group_name``,
    ``vpc_security_group_ids``, ``iam_roles``, ``tags``, ...), passed unchanged.

    Example::

        SecureRedshiftCluster(self, "Warehouse", db_name="sales", node_type="ra3.large",
                              number_of_nodes=2, cluster_subnet_group_name=group.ref)

    :raises ValueError: when ``db_name`` is ``dev`` in any letter case.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        db_name: str,
        node_type: str,
        number_of_nodes: int | None = None,
        **props: Any,
    ) -> None:
        super().__init__(scope, id)
        if not cdk.Token.is_unresolved(db_name) and db_name.strip().lower() == "dev":
            raise ValueError(
                f"SecureRedshiftCluster db_name {db_name!r} is Redshift's default database "
                "name (Redshift.9): choose a name of your own, e.g. db_name='analytics'"
            )
        given = {key: value for key, value in props.items() if value is not None}
        self.parameter_group: redshift.CfnClusterParameterGroup | None = None
        if "cluster_parameter_group_name" not in given:
            self.parameter_group = redshift.CfnClusterParameterGroup(
                self,
                "ParameterGroup",
                description=f"{self.node.path}: TLS required, user activity logged",
                parameter_group_family="redshift-2.0",
                parameters=[
                    redshift.CfnClusterParameterGroup.ParameterProperty(
                        parameter_name="require_ssl", parameter_value="true"
                    ),
                    redshift.CfnClusterParameterGroup.ParameterProperty(
                        parameter_name="enable_user_activity_logging", parameter_value="true"
                    ),
                ],
            )
        multi_node = number_of_nodes is not None and number_of_nodes > 1
        defaults: dict[str, Any] = {
            "cluster_type": "multi-node" if multi_node else "single-node",
            "master_username": "rsadmin",
            "encrypted": True,
            "publicly_accessible": False,
            "automated_snapshot_retention_period": 7,
            "allow_version_upgrade": True,
            "enhanced_vpc_routing": True,
            "logging_properties": redshift.CfnCluster.LoggingPropertiesProperty(
                log_destination_type="cloudwatch", log_exports=_LOG_EXPORTS
            ),
        }
        if "master_user_password" not in given:
            defaults["manage_master_password"] = True
        if self.parameter_group is not None:
            defaults["cluster_parameter_group_name"] = self.parameter_group.ref
        if multi_node:
            defaults["number_of_nodes"] = number_of_nodes
        self.resource = redshift.CfnCluster(
            self, "Resource", db_name=db_name, node_type=node_type, **{**defaults, **given}
        )

    @property
    def cluster_name(self) -> str:
        """The cluster identifier."""
        return self.resource.ref

    @property
    def cluster_endpoint_address(self) -> str:
        """The cluster's endpoint host name."""
        return self.resource.attr_endpoint_address

    @property
    def cluster_endpoint_port(self) -> str:
        """The cluster's endpoint port."""
        return self.resource.attr_endpoint_port

    @property
    def master_password_secret_arn(self) -> str:
        """The Secrets Manager secret holding the master password (managed password only)."""
        return self.resource.attr_master_password_secret_arn
