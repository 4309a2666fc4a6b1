# The newsroom's rules for Varnish in front of gunicorn (Varnish 7.1, varnish-modules' xkey).
#
# Loaded through the file deploy/varnish/run writes, which declares `backend default` (gunicorn)
# and `acl purgers` (who may PURGE) and then includes this one.
#
# - Stored: only 200 responses to anonymous GET/HEAD that carry `Surrogate-Control: max-age=N`,
#   which Django sends (newsroom/surrogate.py) only for a page its page cache stored or served,
#   and only to a fetch that announced `Surrogate-Capability`. Everything else is hit-for-miss.
# - Passed: other methods, signed-in readers and pending messages (sessionid, messages cookies:
#   previews are always signed in), /admin/, /comments/, /healthz, /bench/.
# - Invalidated: a stored page lists its dependency keys in `xkey`; Django's version bumps send
#   `PURGE /` with `xkey-purge: key1 key2` (newsroom/purge.py), allowed from `purgers` only.
# - CSRF: a stored page with a form has `<esi:include src="/_esi/csrf-token"/>` where the token's
#   input goes; the include is answered here with the reader's own CSRF secret from its cookie (Django
#   accepts the unmasked secret). A reader without a CSRF cookie is sent to Django, which sets one.
# - Readers never see xkey, Surrogate-Control or Set-Cookie of a stored page; X-Cache says
#   hit, miss, pass or synth.
# The cookie names are Django's defaults (sessionid, csrftoken, messages).

vcl 4.1;

import std;
import xkey;

sub vcl_recv {
    if (req.restarts == 0) {
        unset req.http.X-Newsroom-Pass;
        unset req.http.X-Newsroom-Cache;
    }
    unset req.http.X-Newsroom-Csrf;
    unset req.http.Surrogate-Capability;
    if (req.http.Cookie ~ "(^|;)\s*csrftoken=([A-Za-z0-9]{32}|[A-Za-z0-9]{64})\s*(;|$)") {
        set req.http.X-Newsroom-Csrf = regsub(req.http.Cookie,
            "^(.*;)?\s*csrftoken=([A-Za-z0-9]{32}|[A-Za-z0-9]{64})\s*(;.*)?$", "\2");
    }
    if (req.url == "/_esi/csrf-token") {
        if (req.esi_level > 0) {
            return (synth(200, "CSRF token"));
        }
        return (synth(404, "Not Found"));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.X-Newsroom-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Newsroom-Purged));
    }
    if (req.http.X-Newsroom-Pass) {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|comments|bench)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hit {
    set req.http.X-Newsroom-Cache = "hit";
    # A page with a form needs the reader's CSRF cookie: Django sets it.
    if (obj.http.X-Newsroom-Esi && !req.http.X-Newsroom-Csrf) {
        return (pass);
    }
}

sub vcl_miss {
    set req.http.X-Newsroom-Cache = "miss";
}

sub vcl_pass {
    set req.http.X-Newsroom-Cache = "pass";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Newsroom-Csrf;
    unset bereq.http.X-Newsroom-Pass;
    unset bereq.http.X-Newsroom-Cache;
    if (!bereq.uncacheable) {
        # What may be stored is built from no reader's cookies, and told it may use ESI.
        unset bereq.http.Cookie;
        set bereq.http.Surrogate-Capability = {"newsroom="ESI/1.0""};
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status == 200 && beresp.http.Surrogate-Control ~ "max-age=[0-9]+"
        && beresp.http.Surrogate-Control !~ "no-store") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
        # Django's max-age already ends at the next scheduled publish: never serve past it.
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        unset beresp.http.Set-Cookie;
        if (beresp.http.Surrogate-Control ~ "ESI/1\.0") {
            set beresp.do_esi = true;
            set beresp.http.X-Newsroom-Esi = "csrf";
        }
        # Django varies a page with a form on Cookie for its CSRF token: the include supplies it.
        if (beresp.http.Vary) {
            set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
            set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
            if (beresp.http.Vary == "") {
                unset beresp.http.Vary;
            }
        }
        if (beresp.ttl > 0s) {
            return (deliver);
        }
    }
    # Hit-for-miss: not stored, and the next request fetches (and may store) it again.
    set beresp.ttl = 120s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    # A reader without a CSRF cookie just fetched a page with a form: ask Django for it again
    # (from its own page cache), with the cookie and a token of its own.
    if (req.esi_level == 0 && resp.http.X-Newsroom-Esi && !req.http.X-Newsroom-Csrf) {
        set req.http.X-Newsroom-Pass = "csrf";
        return (restart);
    }
    set resp.http.X-Cache = req.http.X-Newsroom-Cache;
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Newsroom-Esi;
}

sub vcl_synth {
    if (req.esi_level > 0 && req.url == "/_esi/csrf-token") {
        # The form's hidden input as Django's csrf_input writes it, with the reader's secret.
        set resp.http.Content-Type = "text/html";
        set resp.body = {"<input type="hidden" name="csrfmiddlewaretoken" value=""} + req.http.X-Newsroom-Csrf + {"">"};
        return (deliver);
    }
    set resp.http.X-Cache = "synth";
}
