"""Amazon ECS: :class:`SecureFargateTaskDefinition`, :class:`SecureEc2TaskDefinition`,
:class:`SecureCluster`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = [
    "LINUX_CONTAINER_USER",
    "SECRET_ENVIRONMENT_NAMES",
    "WINDOWS_CONTAINER_USER",
    "SecureCluster",
    "SecureEc2TaskDefinition",
    "SecureFargateTaskDefinition",
    "secure_cluster_defaults",
    "secure_container_defaults",
]

#: Environment variable names that hold credentials; ECS.8 fails a task definition that sets
#: any of them (compared case-insensitively) in a container's plain ``environment``.
SECRET_ENVIRONMENT_NAMES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA")


#: The user Linux containers run as unless given one (ECS.20): a uid other than root's.
LINUX_CONTAINER_USER = "1000"
#: The user Windows containers run as unless given one (ECS.21): not ContainerAdministrator.
WINDOWS_CONTAINER_USER = "ContainerUser"


def secure_container_defaults(container_id: str, *, windows: bool = False) -> dict[str, Any]:
    """The container options the Secure task definitions set unless the caller gives them."""
    defaults: dict[str, Any] = {
        # ECS.9: the container's output goes to CloudWatch Logs.
        "logging": ecs.LogDrivers.aws_logs(stream_prefix=container_id),
    }
    if not windows:
        # ECS.5: the root filesystem is read-only; writable paths are volumes (scratch_paths).
        # Windows containers do not support it, and ECS.5 does not apply to them.
        defaults["readonly_root_filesystem"] = True
        # ECS.20: the container runs as a user other than root.
        defaults["user"] = LINUX_CONTAINER_USER
    else:
        # ECS.21: the container runs as a user other than ContainerAdministrator.
        defaults["user"] = WINDOWS_CONTAINER_USER
    return defaults


def secure_cluster_defaults() -> dict[str, Any]:
    """The props :class:`SecureCluster` sets unless the caller gives them."""
    return {
        # ECS.12: Container Insights metrics for the cluster's services and tasks.
        "container_insights_v2": ecs.ContainerInsights.ENABLED,
    }


def _refuse_host_pid(pid_mode: Any) -> None:
    if pid_mode == ecs.PidMode.HOST:
        raise ValueError(
            "pid_mode=PidMode.HOST shares the host's process namespace with the task's "
            "containers (FSBP ECS.3); remove pid_mode, or use PidMode.TASK to share one "
            "namespace between the task's own containers"
        )


_VOLUME_CHARS = re.compile(r"[^A-Za-z0-9_-]+")

if TYPE_CHECKING:
    _TaskDefinition = ecs.TaskDefinition
else:
    _TaskDefinition = object


class _SecureContainers(_TaskDefinition):
    """``add_container`` with the secure container defaults, refusals and ``scratch_paths``."""

    _windows = False

    def add_container(
        self,
        id: str,
        *,
        image: ecs.ContainerImage,
        scratch_paths: Sequence[str] | None = None,
        command: Sequence[str] | None = None,
        container_name: str | None = None,
        cpu: float | None = None,
        credential_specs: Sequence[ecs.CredentialSpec] | None = None,
        disable_networking: bool | None = None,
        dns_search_domains: Sequence[str] | None = None,
        dns_servers: Sequence[str] | None = None,
        docker_labels: Mapping[str, str] | None = None,
        docker_security_options: Sequence[str] | None = None,
        enable_restart_policy: bool | None = None,
        entry_point: Sequence[str] | None = None,
        environment: Mapping[str, str] | None = None,
        environment_files: Sequence[ecs.EnvironmentFile] | None = None,
        essential: bool | None = None,
        extra_hosts: Mapping[str, str] | None = None,
        gpu_count: float | None = None,
        health_check: ecs.HealthCheck | dict[str, Any] | None = None,
        hostname: str | None = None,
        inference_accelerator_resources: Sequence[str] | None = None,
        interactive: bool | None = None,
        linux_parameters: ecs.LinuxParameters | None = None,
        logging: ecs.LogDriver | None = None,
        memory_limit_mib: float | None = None,
        memory_reservation_mib: float | None = None,
        port_mappings: Sequence[ecs.PortMapping | dict[str, Any]] | None = None,
        privileged: bool | None = None,
        pseudo_terminal: bool | None = None,
        readonly_root_filesystem: bool | None = None,
        restart_attempt_period: cdk.Duration | None = None,
        restart_ignored_exit_codes: Sequence[float] | None = None,
        secrets: Mapping[str, ecs.Secret] | None = None,
        start_timeout: cdk.Duration | None = None,
        stop_timeout: cdk.Duration | None = None,
        system_controls: Sequence[ecs.SystemControl | dict[str, Any]] | None = None,
        ulimits: Sequence[ecs.Ulimit | dict[str, Any]] | None = None,
        user: str | None = None,
        version_consistency: ecs.VersionConsistency | None = None,
        working_directory: str | None = None,
    ) -> ecs.ContainerDefinition:
        """Add a container, with the secure defaults under the options given.

        Takes every option of :meth:`aws_cdk.aws_ecs.TaskDefinition.add_container`; these
        differ:

        - ``readonly_root_filesystem``: ``True`` (ECS.5) on Linux.
        - ``logging``: ``LogDrivers.aws_logs(stream_prefix=id)`` (ECS.9), a new log group.
        - ``user``: :data:`LINUX_CONTAINER_USER` (uid 1000, ECS.20) on Linux,
          :data:`WINDOWS_CONTAINER_USER` (ECS.21) on Windows. A program that needs root
          (binding ports below 1024, writing root-owned paths, changing users) fails: give
          ``user`` (the image's own non-root user), or ``user="root"`` acknowledging
          ``FSBP::FSBP-ECS.20`` with a reason.
        - ``privileged=True`` raises ``ValueError`` (ECS.4).
        - ``environment`` naming ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY`` or
          ``ECS_ENGINE_AUTH_DATA`` (any case) raises ``ValueError`` (ECS.8): use ``secrets``.

        :param scratch_paths: absolute paths the container may write to while its root stays
            read-only (``["/tmp"]``). Each is a task-local volume, created empty with the task
            and removed with it, mounted read-write at that path.
        """
        # The signature is spelled out (not **options) because jsii passes the options of
        # calls made from JavaScript only to named keyword parameters. Collect them here,
        # before any other local variable exists.
        options = dict(locals())
        for name in ("self", "id", "scratch_paths", "__class__"):
            options.pop(name, None)
        if privileged:
            raise ValueError(
                f"container {id!r}: privileged=True gives the container root access to the "
                "host (FSBP ECS.4); remove privileged, and add only the Linux capabilities it "
                "needs with linux_parameters (LinuxParameters.add_capabilities)"
            )
        for name in environment or {}:
            if name.upper() in SECRET_ENVIRONMENT_NAMES:
                raise ValueError(
                    f"container {id!r}: environment variable {name!r} would store a "
                    "credential in plain text in the task definition (FSBP ECS.8); pass it "
                    f"with secrets={{{name!r}: ecs.Secret.from_secrets_manager(secret)}} "
                    "instead, or better, grant the task role what the keys were for"
                )
        mounts = self._scratch_mounts(id, scratch_paths or ())
        merged = merge_defaults(secure_container_defaults(id, windows=self._windows), options)
        container = super().add_container(id, **merged)
        if mounts:
            container.add_mount_points(*mounts)
        return container

    def _scratch_mounts(self, id: str, paths: Sequence[str]) -> list[ecs.MountPoint]:
        if isinstance(paths, str):
            raise ValueError(
                f"container {id!r}: scratch_paths must be a list of paths, not the string "
                f"{paths!r}; write scratch_paths=[{paths!r}]"
            )
        mounts = []
        seen: set[str] = set()
        prefix = _VOLUME_CHARS.sub("-", id)
        for path in paths:
            normal = path.rstrip("/") if isinstance(path, str) else path
            if not isinstance(path, str) or not path.startswith("/") or not normal:
                raise ValueError(
                    f"container {id!r}: scratch path {path!r} is not a writable subdirectory; "
                    "give absolute paths below the root, e.g. scratch_paths=['/tmp'] (a "
                    "volume at / would make the whole root filesystem writable)"
                )
            if normal in seen:
                raise ValueError(f"container {id!r}: scratch path {path!r} is given twice")
            seen.add(normal)
            volume = f"{prefix}-scratch{_VOLUME_CHARS.sub('-', normal)}"[:255]
            self.add_volume(name=volume)
            mounts.append(
                ecs.MountPoint(container_path=normal, source_volume=volume, read_only=False)
            )
        return mounts


class SecureFargateTaskDefinition(_SecureContainers, ecs.FargateTaskDefinition):
    """A Fargate task definition whose containers meet the FSBP controls by default.

    Takes every prop of :class:`aws_cdk.aws_ecs.FargateTaskDefinition`;
    ``pid_mode=PidMode.HOST`` raises ``ValueError`` (ECS.3, the host's process namespace).

    Containers added with :meth:`add_container`:

    - have a read-only root filesystem unless ``readonly_root_filesystem=False`` (ECS.5), with
      ``scratch_paths=["/tmp", ...]`` for the paths the program writes to;
    - log to CloudWatch Logs unless given another ``logging`` (ECS.9);
    - run as uid 1000 unless given a ``user`` (ECS.20; ``ContainerUser`` on Windows, ECS.21):
      an image whose program needs root (ports below 1024, root-owned paths) fails until
      given its own non-root ``user``;
    - are refused when ``privileged=True`` (ECS.4) or when ``environment`` holds
      ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY`` or ``ECS_ENGINE_AUTH_DATA`` (ECS.8;
      use ``secrets``).

    Windows task definitions (``runtime_platform`` with a Windows operating system family)
    keep a writable root: Windows containers do not support a read-only one, and ECS.5 does
    not apply to them.

    Containers created with ``ContainerDefinition(...)`` directly, or variables added later
    with ``add_environment``, bypass these checks; ``FsbpChecks`` still reports them at synth.

    Example::

        task = SecureFargateTaskDefinition(stack, "Task", cpu=256, memory_limit_mib=512)
        task.add_container("web", image=ecs.ContainerImage.from_registry("nginx"),
                           scratch_paths=["/tmp", "/var/cache/nginx"])
    """

    @same_props_as(ecs.FargateTaskDefinition)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        _refuse_host_pid(props.get("pid_mode"))
        platform = props.get("runtime_platform")
        family = (
            platform.get("operating_system_family")
            if isinstance(platform, dict)
            else getattr(platform, "operating_system_family", None)
        )
        super().__init__(scope, id, **props)
        self._windows = bool(family is not None and family.is_windows())


class SecureEc2TaskDefinition(_SecureContainers, ecs.Ec2TaskDefinition):
    """An EC2 task definition whose containers meet the FSBP controls by default.

    Takes every prop of :class:`aws_cdk.aws_ecs.Ec2TaskDefinition`;
    ``pid_mode=PidMode.HOST`` raises ``ValueError`` (ECS.3). :meth:`add_container` behaves as
    in :class:`SecureFargateTaskDefinition`: read-only root with ``scratch_paths`` (ECS.5),
    CloudWatch logging (ECS.9), a non-root user (ECS.20), no privileged containers (ECS.4),
    no credentials in
    ``environment`` (ECS.8).

    Example::

        task = SecureEc2TaskDefinition(stack, "Task", network_mode=ecs.NetworkMode.AWS_VPC)
        task.add_container("worker", image=image, memory_limit_mib=512, scratch_paths=["/tmp"])
    """

    @same_props_as(ecs.Ec2TaskDefinition)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        _refuse_host_pid(props.get("pid_mode"))
        super().__init__(scope, id, **props)


class SecureCluster(ecs.Cluster):
    """An ECS cluster with Container Insights on by default.

    Takes every prop of :class:`aws_cdk.aws_ecs.Cluster`; this default differs:

    - ``container_insights_v2``: ``ContainerInsights.ENABLED`` (ECS.12). ``ENHANCED`` also
      satisfies ECS.12 (more metrics, higher cost). Giving the older ``container_insights``
      flag replaces this default.

    Example::

        cluster = SecureCluster(stack, "Cluster", vpc=vpc)
    """

    @same_props_as(ecs.Cluster)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        defaults = secure_cluster_defaults()
        if props.get("container_insights") is not None:
            defaults.pop("container_insights_v2")
        super().__init__(scope, id, **merge_defaults(defaults, props))
