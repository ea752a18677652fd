"""AWS Certificate Manager: ACM.2."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "ACM.2",
    "AWS::CertificateManager::Certificate",
    check=prop("KeyAlgorithm", absent="RSA_2048").none_of("RSA_1024"),
    when=prop("KeyAlgorithm", absent="RSA_2048").matches("^RSA_"),
    fix="set KeyAlgorithm to RSA_2048 (or RSA_3072, RSA_4096, or an EC_ algorithm)",
    note="ACM requests an `RSA_2048` key unless told otherwise. Elliptic curve keys "
    "(`EC_...`) are not RSA and not applicable. Imported certificates have no CloudFormation "
    "resource and are not seen.",
)
