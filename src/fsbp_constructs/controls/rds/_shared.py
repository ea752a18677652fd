"""Readers and checks the RDS modules share: the instance and cluster types, the properties
that copy a source database, "judge this on the instance's DB cluster", engine scopes, and the
checks two modules declare (encryption, tag copying, IAM authentication, administrator names)."""

from __future__ import annotations

import json

from ...engine.checks import PASSES, Check, all_of, prop, unknown
from ...engine.model import Resource, Target
from ...engine.registry import (
    Remedy,
    RuleContext,
    Status,
    Verdict,
)
from ...engine.values import Kind, Undecidable

INSTANCE = "AWS::RDS::DBInstance"
CLUSTER = "AWS::RDS::DBCluster"

#: Properties that make a new instance or cluster copy its storage (and its encryption) from
#: a snapshot or another database.
INSTANCE_SOURCES = (
    "DBSnapshotIdentifier",
    "SourceDBInstanceIdentifier",
    "SourceDBClusterIdentifier",
)
CLUSTER_SOURCES = ("SnapshotIdentifier", "SourceDBClusterIdentifier", "SourceDBInstanceIdentifier")


# ------------------------------------------ shared helpers


def judge(check: Check, resource: Resource, ctx: RuleContext) -> Verdict:
    """The check on the resource's own properties (an undecided value reads as UNKNOWN)."""
    try:
        return check.evaluate(resource.props, ctx.parameters)
    except Undecidable as error:
        return Verdict.unknown(str(error), path=error.path)


def through_cluster(
    instance: Resource, ctx: RuleContext, check: Check, fix: str, what: str
) -> Verdict | None:
    """For an instance of a DB cluster (``DBClusterIdentifier`` set), the verdict of ``check``
    on that cluster's properties: the cluster holds ``what`` for its instances. ``None`` for
    an instance outside any cluster."""
    if not instance.props.has("DBClusterIdentifier"):
        return None
    cluster = ctx.app.follow(instance, "DBClusterIdentifier")
    if cluster is None:
        raise Undecidable(
            "DBClusterIdentifier",
            f"the {what} of a DB cluster outside the template, which this instance inherits",
            Kind.RESOURCE_ID,
        )
    try:
        verdict = check.evaluate(cluster.props, ctx.parameters)
    except Undecidable as error:
        raise Undecidable(
            f"{cluster.logical_id}.{error.path}",
            f"{error.reason} (the {what} of its DB cluster)",
            error.kind,
        ) from None
    if verdict.status is Status.FAIL:
        return Verdict(
            Status.FAIL,
            path=f"DBClusterIdentifier ({cluster.logical_id}.{verdict.path})",
            found=verdict.found,
            fix=f"{fix} on the DB cluster {cluster.logical_id}",
            reason=f"the instance takes its {what} from its DB cluster"
            + (f"; {verdict.reason}" if verdict.reason else ""),
        )
    if verdict.status is Status.PASS:
        return Verdict.passed(f"the {what} of its DB cluster {cluster.logical_id}")
    return verdict


def source_decides(resource: Resource, sources: tuple[str, ...], path: str, what: str) -> None:
    """Raise UNKNOWN when ``path`` is absent and the resource copies a snapshot or a source
    database, from which it then inherits ``what``."""
    if resource.props.has(path):
        return
    for source in sources:
        if resource.props.has(source):
            raise Undecidable(
                path,
                f"the {what} of the snapshot or source database named by {source}, which "
                "is inherited when the property is absent",
                Kind.RESOURCE_ID,
            )


# ------------------------------------------ storage encryption (RDS.3, RDS.27)

ENCRYPTED = prop("StorageEncrypted", absent=False).is_true()
#: Where an instance remedy may set a property: not a member of a DB cluster (the cluster
#: holds the setting) and not a copy of a snapshot or another database (the source does).
STANDALONE = all_of(
    *(prop(name, absent=PASSES).missing() for name in ("DBClusterIdentifier", *INSTANCE_SOURCES))
)
ENCRYPT_FIX = "set StorageEncrypted to true (optionally with KmsKeyId)"


# ------------------------------------------ tag copying (RDS.16, RDS.17, RDS.47, RDS.48)

COPY_TAGS = prop("CopyTagsToSnapshot", absent=False).is_true()
COPY_TAGS_FIX = "set CopyTagsToSnapshot to true"

#: Copying tags to snapshots is safe on every DB cluster and instance: nothing running changes.
COPY_TAGS_REMEDY = Remedy(
    {"CopyTagsToSnapshot": True},
    safe=True,
    breaks="Nothing: snapshots taken from then on carry the database's tags.",
)


# ------------------------------------------ IAM authentication (RDS.10, RDS.12)

#: The engines whose instances the IAM authentication rule evaluates.
IAM_AUTH_ENGINES = ("mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql")

IAM_AUTH = prop("EnableIAMDatabaseAuthentication", absent=False).is_true()
IAM_AUTH_FIX = "set EnableIAMDatabaseAuthentication to true"
IAM_SCOPE = prop(
    "Engine",
    absent=unknown("the engine of the snapshot or source database the instance copies"),
).one_of(*IAM_AUTH_ENGINES, ignore_case=True)


IAM_AUTH_REMEDY = Remedy(
    {"EnableIAMDatabaseAuthentication": True},
    safe=True,
    breaks="nothing: IAM authentication is added beside password authentication, at no "
    "charge, and is applied without an outage",
)


# ------------------------------------------ administrator names (RDS.24, RDS.25)

#: The engines' default administrator names, which RDS.24 and RDS.25 flag.
DEFAULT_ADMIN_NAMES = ("admin", "postgres")

ADMIN = prop(
    "MasterUsername",
    absent=unknown("the administrator name of the snapshot or source database it copies"),
).none_of(*DEFAULT_ADMIN_NAMES, ignore_case=True)
ADMIN_FIX = (
    "set MasterUsername to a name other than admin or postgres (a new name replaces the database)"
)


def generated_username(resource: Resource | Target, ctx: RuleContext) -> str | None:
    """The user name of the secret that `MasterUsername` reads, when the secret is in the app
    and generated from a fixed template: ``{{resolve:secretsmanager:<secret>:SecretString:
    username::}}`` over a secret whose `GenerateSecretString.SecretStringTemplate` holds
    ``{"username": ...}`` (what CDK writes for a database's generated credentials)."""
    marker = resource.props.unresolved("MasterUsername")
    join = (
        marker.expr.get("Fn::Join")
        if marker is not None and isinstance(marker.expr, dict)
        else None
    )
    if not (isinstance(join, list) and len(join) == 2 and join[0] == ""):
        return None
    parts = join[1]
    if not (
        isinstance(parts, list)
        and len(parts) == 3
        and parts[0] == "{{resolve:secretsmanager:"
        and parts[2] == ":SecretString:username::}}"
    ):
        return None
    secret = ctx.app.referenced(resource.stack, parts[1])
    if secret is None or secret.type != "AWS::SecretsManager::Secret":
        return None
    try:
        template = secret.props.get("GenerateSecretString.SecretStringTemplate")
        fields = json.loads(template) if isinstance(template, str) else None
    except (Undecidable, ValueError):
        return None
    name = fields.get("username") if isinstance(fields, dict) else None
    return name if isinstance(name, str) else None


def judge_admin_name(resource: Resource, ctx: RuleContext, check: Check) -> Verdict:
    """The check on `MasterUsername`. A dynamic reference (a Secrets Manager secret's
    `username`) is read from the secret when the app generates it from a fixed user name;
    otherwise it is undecided."""
    if resource.props.has("MasterUsername"):
        generated = generated_username(resource, ctx)
        if generated is not None:
            if generated.lower() in DEFAULT_ADMIN_NAMES:
                return Verdict.failed(
                    "MasterUsername",
                    f"{generated!r} (the username of the generated secret it reads)",
                    ADMIN_FIX,
                )
            return Verdict.passed(f"the generated secret's username is {generated!r}")
        try:
            value = resource.props.get("MasterUsername")
        except Undecidable as error:
            return Verdict.unknown(str(error), path=error.path)
        if isinstance(value, str) and "{{resolve:" in value:
            return Verdict.unknown(
                f"MasterUsername depends on a dynamic reference resolved at deploy time ({value})",
                path="MasterUsername",
            )
    return judge(check, resource, ctx)


# ------------------------------------------ engine scopes

NO_ENGINE = "the engine of the snapshot or source database it copies"


def engine_is(*engines: str) -> Check:
    """The scope filter: `Engine` is one of ``engines`` (ignoring case); absent is UNKNOWN."""
    return prop("Engine", absent=unknown(NO_ENGINE)).one_of(*engines, ignore_case=True)


def out_of_scope(resource: Resource, ctx: RuleContext, check: Check) -> Verdict | None:
    """``None`` when ``resource`` is in scope; else its NOT_APPLICABLE or UNKNOWN verdict."""
    verdict = judge(check, resource, ctx)
    if verdict.status is Status.FAIL:
        return Verdict.not_applicable(f"out of scope: {verdict.detail}")
    if verdict.status is not Status.PASS:
        return verdict
    return None


def member_of_cluster(instance: Resource) -> Verdict | None:
    """NOT_APPLICABLE for an instance of a DB cluster, which some controls skip."""
    if instance.props.has("DBClusterIdentifier"):
        return Verdict.not_applicable("an instance of a DB cluster (DBClusterIdentifier)")
    return None


SQLSERVER_ENGINES = ("sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web")
