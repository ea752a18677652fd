"""Controls app: EC2 and VPC networking (security groups, VPCs, flow logs, endpoints, subnets,
network ACLs, instances, launch templates, VPN, EBS)."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from constructs import Construct

from examples import _controls

AMI = "ami-0123456789abcdef0"
VPC_ID = "vpc-0123456789abcdef0"
SUBNET_ID = "subnet-0123456789abcdef0"
FLOW_LOG_BUCKET = "arn:aws:s3:::example-flow-logs-111111111111"
VPN_LOG_GROUP = "arn:aws:logs:us-east-1:111111111111:log-group:vpn-tunnels"
CERT = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
CUSTOMER_GATEWAY = "cgw-0123456789abcdef0"
VPN_GATEWAY = "vgw-0123456789abcdef0"
WORLD = "0.0.0.0/0"

#: The interface endpoints each VPC needs (EC2.10, EC2.55-EC2.58, EC2.60).
ENDPOINTS = {
    "EC2.10": "ec2",
    "EC2.55": "ecr.api",
    "EC2.56": "ecr.dkr",
    "EC2.57": "ssm",
    "EC2.58": "ssm-contacts",
    "EC2.60": "ssm-incidents",
}


def _vpc(stack: Construct, name: str, *, flow_log: bool, skip: str | None) -> None:
    """A VPC with a flow log and every interface endpoint, but for the ones left out."""
    vpc = ec2.CfnVPC(stack, name, cidr_block="10.0.0.0/16")
    if flow_log:
        ec2.CfnFlowLog(
            stack,
            f"{name}FlowLog",
            resource_id=vpc.ref,
            resource_type="VPC",
            traffic_type="ALL",
            log_destination_type="s3",
            log_destination=FLOW_LOG_BUCKET,
        )
    for control_id, service in ENDPOINTS.items():
        if control_id == skip:
            continue
        ec2.CfnVPCEndpoint(
            stack,
            f"{name}{service.replace('.', '').replace('-', '').title()}Endpoint",
            vpc_id=vpc.ref,
            service_name=f"com.amazonaws.us-east-1.{service}",
            vpc_endpoint_type="Interface",
            private_dns_enabled=True,
            subnet_ids=[SUBNET_ID],
        )


def _group(stack: Construct, name: str, port: int) -> ec2.CfnSecurityGroup:
    return ec2.CfnSecurityGroup(
        stack,
        name,
        group_description=f"{name}: tcp {port} from anywhere",
        vpc_id=VPC_ID,
        security_group_ingress=[
            ec2.CfnSecurityGroup.IngressProperty(
                ip_protocol="tcp", from_port=port, to_port=port, cidr_ip=WORLD
            )
        ],
    )


def _interface(public: bool, index: str = "0") -> ec2.CfnInstance.NetworkInterfaceProperty:
    return ec2.CfnInstance.NetworkInterfaceProperty(
        device_index=index, subnet_id=SUBNET_ID, associate_public_ip_address=public
    )


def _instance(
    stack: Construct,
    name: str,
    *,
    tokens: str = "required",
    interfaces: list[ec2.CfnInstance.NetworkInterfaceProperty] | None = None,
) -> None:
    ec2.CfnInstance(
        stack,
        name,
        image_id=AMI,
        instance_type="m5.large",
        metadata_options=ec2.CfnInstance.MetadataOptionsProperty(http_tokens=tokens),
        network_interfaces=interfaces or [_interface(False)],
    )


def _launch_template(
    stack: Construct, name: str, *, public_ip: bool = False, encrypted: bool = True
) -> None:
    data = ec2.CfnLaunchTemplate.LaunchTemplateDataProperty
    ec2.CfnLaunchTemplate(
        stack,
        name,
        launch_template_data=data(
            image_id=AMI,
            metadata_options=ec2.CfnLaunchTemplate.MetadataOptionsProperty(http_tokens="required"),
            network_interfaces=[
                ec2.CfnLaunchTemplate.NetworkInterfaceProperty(
                    device_index=0, subnet_id=SUBNET_ID, associate_public_ip_address=public_ip
                )
            ],
            block_device_mappings=[
                ec2.CfnLaunchTemplate.BlockDeviceMappingProperty(
                    device_name="/dev/xvda",
                    ebs=ec2.CfnLaunchTemplate.EbsProperty(volume_size=20, encrypted=encrypted),
                )
            ],
        ),
    )


def _vpn(stack: Construct, name: str, *, logging: bool = True, ikev1: bool = False) -> None:
    spec = ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty
    versions = ["ikev1", "ikev2"] if ikev1 else ["ikev2"]
    tunnel = spec(
        ike_versions=[
            ec2.CfnVPNConnection.IKEVersionsRequestListValueProperty(value=v) for v in versions
        ],
        log_options=ec2.CfnVPNConnection.VpnTunnelLogOptionsSpecificationProperty(
            cloudwatch_log_options=ec2.CfnVPNConnection.CloudwatchLogOptionsSpecificationProperty(
                log_enabled=logging, log_group_arn=VPN_LOG_GROUP if logging else None
            )
        ),
    )
    ec2.CfnVPNConnection(
        stack,
        name,
        type="ipsec.1",
        customer_gateway_id=CUSTOMER_GATEWAY,
        vpn_gateway_id=VPN_GATEWAY,
        vpn_tunnel_options_specifications=[tunnel, tunnel],
    )


def add(stack: Construct, ok: bool) -> None:
    # EC2.18: a port beyond the authorized 80/443 (and not high-risk) open to the world
    _group(stack, "UnauthorizedPortGroup", 443 if ok else 8443)
    # EC2.19: SSH open to the world (it also opens an unauthorized port: EC2.18 fires too)
    _group(stack, "SshGroup", 443 if ok else 22)

    # EC2.6: a VPC without a flow log; EC2.10, .55-.58, .60: a VPC without one endpoint each
    _vpc(stack, "UnloggedVpc", flow_log=ok, skip=None)
    for control_id, service in ENDPOINTS.items():
        name = f"No{service.replace('.', '').replace('-', '').title()}EndpointVpc"
        _vpc(stack, name, flow_log=True, skip=None if ok else control_id)

    # EC2.15: a subnet that assigns public IPs
    ec2.CfnSubnet(
        stack,
        "PublicIpSubnet",
        vpc_id=VPC_ID,
        cidr_block="10.0.0.0/24",
        map_public_ip_on_launch=not ok,
    )

    # EC2.16: a network ACL no subnet uses; EC2.21: SSH allowed from the world
    unused = ec2.CfnNetworkAcl(stack, "UnusedAcl", vpc_id=VPC_ID)
    if ok:
        ec2.CfnSubnetNetworkAclAssociation(
            stack, "UnusedAclAssociation", network_acl_id=unused.ref, subnet_id=SUBNET_ID
        )
    ssh_acl = ec2.CfnNetworkAcl(stack, "SshAcl", vpc_id=VPC_ID)
    ec2.CfnSubnetNetworkAclAssociation(
        stack, "SshAclAssociation", network_acl_id=ssh_acl.ref, subnet_id="subnet-0123456789abcdef1"
    )
    port = 443 if ok else 22
    ec2.CfnNetworkAclEntry(
        stack,
        "SshAclEntry",
        network_acl_id=ssh_acl.ref,
        rule_number=100,
        protocol=6,
        rule_action="allow",
        cidr_block=WORLD,
        port_range=ec2.CfnNetworkAclEntry.PortRangeProperty(from_=port, to=port),
    )

    # EC2.8: IMDSv1; EC2.9: a public IP; EC2.17: two network interfaces
    _instance(stack, "Imdsv1Instance", tokens="required" if ok else "optional")
    _instance(stack, "PublicIpInstance", interfaces=[_interface(not ok)])
    two = [_interface(False)] if ok else [_interface(False), _interface(False, "1")]
    _instance(stack, "TwoEniInstance", interfaces=two)

    # EC2.3: an unencrypted volume
    ec2.CfnVolume(stack, "UnencryptedVolume", availability_zone="us-east-1a", size=10, encrypted=ok)

    # EC2.25: a launch template assigning public IPs; EC2.181: an unencrypted EBS mapping
    _launch_template(stack, "PublicIpTemplate", public_ip=not ok)
    _launch_template(stack, "UnencryptedTemplate", encrypted=ok)

    # EC2.51: a Client VPN endpoint without connection logs
    ec2.CfnClientVpnEndpoint(
        stack,
        "ClientVpn",
        authentication_options=[
            ec2.CfnClientVpnEndpoint.ClientAuthenticationRequestProperty(
                type="certificate-authentication",
                mutual_authentication=ec2.CfnClientVpnEndpoint.CertificateAuthenticationRequestProperty(
                    client_root_certificate_chain_arn=CERT
                ),
            )
        ],
        client_cidr_block="10.100.0.0/22",
        server_certificate_arn=CERT,
        connection_log_options=ec2.CfnClientVpnEndpoint.ConnectionLogOptionsProperty(
            enabled=ok, cloudwatch_log_group="client-vpn" if ok else None
        ),
    )

    # EC2.171: VPN tunnels without logs; EC2.183: tunnels that allow IKEv1
    _vpn(stack, "UnloggedVpn", logging=ok)
    _vpn(stack, "IkeV1Vpn", ikev1=not ok)

    # EC2.172: VPC Block Public Access off ("off" is what the API reports; CloudFormation
    # only takes the two block modes, so the noncompliant variant is for synth only)
    ec2.CfnVPCBlockPublicAccessOptions(
        stack, "BlockPublicAccess", internet_gateway_block_mode="block-ingress" if ok else "off"
    )
    # EC2.182: snapshot block public access for new sharing only
    ec2.CfnSnapshotBlockPublicAccess(
        stack, "SnapshotBlock", state="block-all-sharing" if ok else "block-new-sharing"
    )

    # EC2.173: a Spot Fleet request with an unencrypted EBS volume
    ec2.CfnSpotFleet(
        stack,
        "SpotFleet",
        spot_fleet_request_config_data=ec2.CfnSpotFleet.SpotFleetRequestConfigDataProperty(
            iam_fleet_role="arn:aws:iam::111111111111:role/spot-fleet",
            target_capacity=1,
            launch_specifications=[
                ec2.CfnSpotFleet.SpotFleetLaunchSpecificationProperty(
                    image_id=AMI,
                    instance_type="m5.large",
                    block_device_mappings=[
                        ec2.CfnSpotFleet.BlockDeviceMappingProperty(
                            device_name="/dev/xvda",
                            ebs=ec2.CfnSpotFleet.EbsBlockDeviceProperty(encrypted=ok),
                        )
                    ],
                )
            ],
        ),
    )

    # EC2.180: a network interface without source/destination checking
    ec2.CfnNetworkInterface(stack, "ApplianceEni", subnet_id=SUBNET_ID, source_dest_check=ok)


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
