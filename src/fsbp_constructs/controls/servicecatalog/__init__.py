"""AWS Service Catalog: ServiceCatalog.1."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule
from ...engine.values import Undecidable

_SHARE = "AWS::ServiceCatalog::PortfolioShare"
_FIX = (
    "remove the AWS::ServiceCatalog::PortfolioShare resources (account shares) and share "
    "the portfolio with the organization, an organizational unit or an account through "
    "AWS Organizations instead"
)


@rule("ServiceCatalog.1", "AWS::ServiceCatalog::Portfolio", fix=_FIX)
def portfolio_is_shared_through_organizations(portfolio: Resource, ctx: RuleContext) -> Verdict:
    """No `AWS::ServiceCatalog::PortfolioShare` of the app points at the portfolio
    (`PortfolioId` by `Ref`). That resource shares with one account (a share of type
    `ACCOUNT`), which the control fails whatever the account; shares through AWS
    Organizations (organization, OU) have no CloudFormation resource and pass. A portfolio
    without shares passes. A share that names the portfolio by a literal id is not matched
    (open question).
    """
    for ref in ctx.app.referrers(portfolio, _SHARE):
        if ref.path == "PortfolioId":
            try:
                account = ref.source.props.get("AccountId")
            except Undecidable:
                account = "an account known at deploy time"
            return Verdict.failed(f"({ref.logical_id}).AccountId", account)
    return Verdict.passed()
