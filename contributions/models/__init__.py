from contributions.models.budgets import Budget, BudgetLine, CarryOver, ExchangeRate
from contributions.models.ledger import Pledge, Receipt

__all__ = ["Budget", "BudgetLine", "CarryOver", "ExchangeRate", "Pledge", "Receipt"]
