"""Login hardening: brute-force limits, two-factor authentication, name checks."""
