"""Amazon SES: SES.3."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "SES.3",
    "AWS::SES::ConfigurationSet",
    check=prop("DeliveryOptions.TlsPolicy", absent="OPTIONAL").one_of("REQUIRE", ignore_case=True),
    fix="set DeliveryOptions.TlsPolicy to REQUIRE",
    note="Without a policy SES delivers over TLS only when the receiving server offers it "
    "(opportunistic TLS), which fails. The value is compared ignoring case, as the SES API "
    "spells it `Require`.",
)
