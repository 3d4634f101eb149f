"""Security settings: login limits, two-factor authentication, HTTPS hardening and CSP.

Star-imported by gfmd/config/settings.py; the knobs are environment variables like the rest.
"""

from datetime import timedelta

from gfmd.config.env import DEBUG, env_bool, env_int, env_list, env_str

# Brute-force limits on every login path (django-axes; gfmd/platform/security/login_limits.py):
# LOGIN_FAILURE_LIMIT failures per account or per client IP lock that account or IP out
# for LOGIN_COOLOFF_MINUTES, restarted by every attempt made while locked.
AXES_ENABLED = env_bool("LOGIN_LIMITS_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "gfmd.platform.security.login_limits.lockout_response"
AXES_CLIENT_IP_CALLABLE = "gfmd.platform.security.login_limits.client_ip"
AXES_SENSITIVE_PARAMETERS = ["client_secret", "otp_token"]
AXES_IP_WHITELIST = env_list("LOGIN_LIMITS_IP_ALLOWLIST") or None
AXES_NEVER_LOCKOUT_WHITELIST = bool(AXES_IP_WHITELIST)
AXES_VERBOSE = False
LOGIN_CLIENT_IP_HEADER = env_str("LOGIN_CLIENT_IP_HEADER")

# Two-factor authentication (gfmd/platform/security/two_factor.py): members of these groups must
# verify a TOTP code or a recovery code before they reach the admin ("*staff": all staff).
GFMD_2FA_REQUIRED_GROUPS = env_list("GFMD_2FA_REQUIRED_GROUPS")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "GFMD coordination service")

# Production hardening: on unless DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp). No inline or third-party script
# anywhere: the admin's scripts are files, the API docs' init script is served separately
# (SpectacularSwaggerSplitView) and their assets come from the sidecar, so the docs work
# offline. Inline *styles* stay allowed: admin templates and Swagger UI set style attributes.
_csp = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if env_str("CSP_REPORT_URI"):
    _csp["report-uri"] = [env_str("CSP_REPORT_URI")]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp}
