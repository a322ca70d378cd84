"""gunicorn's settings for the dashboard, read from the project's folder:
`gunicorn dashboard.wsgi:server` (see the README). Command-line options override them."""

# Two processes of 8 threads each on two cores (WEB_CONCURRENCY overrides the number of
# processes). Threads rather than more sync processes (docs/performance.md, « The worker model »):
# a sync worker is held by one connection from accept to its last byte, so a room of slow or
# busy clients (phones on a venue's Wi-Fi, or a starved load generator) left the CPU idle while
# the accept queue overflowed; threads keep serving the other connections, wait for the database
# side by side, and share one process's cache of answers. Memory stays that of 2 processes.
workers = 2
worker_class = "gthread"
threads = 8

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


# How long an idle connection is kept open for the browser's next request (threaded workers):
# a page's callbacks follow each other within a few seconds.
keepalive = 5
