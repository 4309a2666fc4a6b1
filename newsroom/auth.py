from axes.backends import AxesStandaloneBackend


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
