"""gunicorn's settings for the dashboard, read from the project's folder:
`gunicorn dashboard.wsgi:server` (see the README). Command-line options override them."""

# Two sync workers per two cores (the benchmark's setting); WEB_CONCURRENCY overrides it.
workers = 2

# Checking and loading a large partner file runs inside one request: up to about 30 s for the
# largest accepted file (20 MB). gunicorn's default (30 s) would kill the worker mid-way; the
# load's transaction is then rolled back (nothing is lost) but the user only sees an error.
timeout = 120

# gunicorn 25+ opens a control socket in the working directory by default; the app needs none,
# and two instances on one machine would share it.
control_socket_disable = True

# No `Server: gunicorn` banner on any answer (see dashboard/server_banner.py).
from dashboard.server_banner import hide_gunicorn_banner  # noqa: E402

hide_gunicorn_banner()


def post_worker_init(worker):
    """Dash's own setup done before the worker takes any request (see finish_setup)."""
    from dashboard.app import finish_setup

    finish_setup(worker.wsgi)


# How long an idle connection is kept open for the browser's next request (threaded workers).
keepalive = 5
