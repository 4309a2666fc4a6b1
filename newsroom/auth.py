from axes.backends import AxesStandaloneBackend
from axes.conf import settings

# django-axes 8.3 keys its cache counts by sha256 of the parameters' values joined, so a
# count per username and one per address share a key when the username typed is written
# like an address: five failures as "198.51.100.20" would lock that address out. Usernames
# are counted with this prefix, which no address contains.
USERNAME_PREFIX = "user:"


def lockout_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the username a sign-in tried, as axes counts it (prefixed)."""
    data = credentials if credentials else getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return None if username is None else USERNAME_PREFIX + username


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in made through a request.

    Sign-ins without a request (management commands, the test client's
    login()) have no address to lock out, so axes' own backend refuses them
    with an exception; this one lets the next backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
