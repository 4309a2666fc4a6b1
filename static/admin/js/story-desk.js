/* The story form's writing desk: autosave while typing, a warning before leaving
   unsaved changes, and who else is editing the story (articles/admin_desk.py).
   URLs come from data- attributes of #writing-desk: no inline script (CSP). */
(function () {
  "use strict";

  var desk = document.getElementById("writing-desk");
  var form = document.getElementById("article_form");
  if (!desk || !form) {
    return;
  }
  var PAUSE_MS = 2000; // autosave after a pause in typing this long...
  var MAX_WAIT_MS = 10000; // ...and never later than this after the first unsaved change
  var RETRY_MS = 15000;

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    });
  }

  // Autosave ------------------------------------------------------------------

  var autosaveUrl = desk.dataset.autosaveUrl;
  var status = document.getElementById("desk-autosave-status");
  // The form shown again after a refused save, or restored from a copy: unsaved from the start.
  var unsavedOnLoad = desk.dataset.unsaved === "true";
  var loaded = null; // the form as it was once the page's widgets had set up
  var lastSent = null; // the form as last autosaved
  var leaving = false; // a form on the page is being submitted
  var stopped = false;
  var pauseTimer = null;
  var deadlineTimer = null;
  var inFlight = false;

  function formBody() {
    // The fields as the form would post them, without files (never copied).
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") {
        body.append(name, value);
      }
    });
    return body;
  }

  function remember() {
    loaded = lastSent = formBody().toString();
  }
  if (document.readyState === "complete") {
    remember();
  } else {
    window.addEventListener("load", remember);
  }

  function unsaved() {
    // Not saved for real: an autosaved copy is not the story.
    return unsavedOnLoad || (loaded !== null && formBody().toString() !== loaded);
  }

  function say(text, failed) {
    if (!status) {
      return;
    }
    status.textContent = text;
    status.classList.toggle("is-failed", Boolean(failed));
  }

  function clearTimers() {
    clearTimeout(pauseTimer);
    clearTimeout(deadlineTimer);
    pauseTimer = deadlineTimer = null;
  }

  function changed() {
    // Events also come from widgets setting up and from edits undone: autosave()
    // compares the form with what it last sent before sending anything.
    if (!autosaveUrl || stopped || leaving) {
      return;
    }
    clearTimeout(pauseTimer);
    pauseTimer = setTimeout(autosave, PAUSE_MS);
    if (!deadlineTimer) {
      deadlineTimer = setTimeout(autosave, MAX_WAIT_MS);
    }
  }

  function autosave() {
    clearTimers();
    if (leaving || stopped || loaded === null) {
      return;
    }
    if (inFlight) {
      deadlineTimer = setTimeout(autosave, PAUSE_MS);
      return;
    }
    var body = formBody();
    var sending = body.toString();
    if (sending === lastSent) {
      return;
    }
    inFlight = true;
    post(autosaveUrl, body)
      .then(function (response) {
        if (response.status === 403) {
          stopped = true;
          say("Autosave stopped: you can no longer edit this story. Copy your text before leaving.", true);
          return null;
        }
        if (!response.ok) {
          throw new Error("autosave answered " + response.status);
        }
        return response.json();
      })
      .then(function (saved) {
        if (saved) {
          lastSent = sending;
          say("Draft copy saved at " + saved.label + " (not yet saved to the story)");
        }
      })
      .catch(function () {
        say("Autosave failed, will retry.", true);
        if (!deadlineTimer) {
          deadlineTimer = setTimeout(autosave, RETRY_MS);
        }
      })
      .finally(function () {
        inFlight = false;
      });
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The admin's select2 choosers announce changes through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change", changed);
  }
  document.addEventListener("formset:added", changed);
  document.addEventListener("formset:removed", changed);

  form.addEventListener("submit", function () {
    leaving = true; // saving: no warning, and no copy of what is being saved
    clearTimers();
  });
  desk.addEventListener("submit", function () {
    // Restore or Discard: a choice about the copy, made before typing anything here;
    // typed since the page loaded, leaving still asks (beforeunload).
    if (loaded !== null && formBody().toString() === loaded) {
      leaving = true;
      clearTimers();
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (autosaveUrl && !leaving && unsaved()) {
      event.preventDefault();
      event.returnValue = ""; // Chromium before 119 needs it set
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      leaving = false; // back from the browser's page cache
    }
  });

  // Who else is editing ---------------------------------------------------------

  var presenceUrl = desk.dataset.presenceUrl;
  var presence = document.getElementById("desk-presence");
  if (!presenceUrl || !presence) {
    return;
  }
  var heartbeatMs = (parseInt(desk.dataset.heartbeatSeconds, 10) || 30) * 1000;
  var lastFragment = presence.innerHTML.trim();

  function heartbeat() {
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", csrfToken());
    post(presenceUrl, body)
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (fragment) {
        // The fragment is rendered (and escaped) by the server's template.
        if (fragment !== null && fragment.trim() !== lastFragment) {
          lastFragment = fragment.trim();
          presence.innerHTML = fragment;
        }
      })
      .catch(function () {
        /* The next heartbeat tries again. */
      });
  }

  setInterval(heartbeat, heartbeatMs);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      heartbeat();
    }
  });
  window.addEventListener("pagehide", function () {
    if (leaving) {
      return; // a save comes back to this form: still here, since the same time
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    body.append("leave", "1");
    navigator.sendBeacon(presenceUrl, body);
  });
})();
