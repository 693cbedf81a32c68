// Driftsweb live updates: when the server says something changed (server-sent events on /live), fetch this page
// again and swap its main content. Without JavaScript the page refreshes itself every minute instead.
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var busy = false;
  // Never swap the page under someone who is typing in a form (the console's confirm and dismiss forms).
  var dirty = false;
  document.addEventListener('input', function () { dirty = true; });
  function typing() {
    var a = document.activeElement;
    return dirty || (a && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName));
  }
  // The version the page shows (front page), or null (other pages: refresh on every change).
  function shownVersion() {
    var o = document.getElementById('overall');
    return o ? o.getAttribute('data-version') : null;
  }
  function refresh(version) {
    if (busy || (version !== null && version === shownVersion()) || typing()) {
      return;
    }
    busy = true;
    fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.querySelector('main');
          var current = document.querySelector('main');
          if (fresh && current) {
            current.replaceWith(document.importNode(fresh, true));
          }
        }
      })
      .catch(function () { /* the next event tries again */ })
      .then(function () { busy = false; });
  }
  // Console pages name their own stream (data-live on body): staff changes, refreshed on any change after the first.
  var live = document.body.getAttribute('data-live');
  var seen = null;
  var source = new EventSource(live || '/live');
  // A console tab left alone stops refreshing after 25 minutes without input, so the 30-minute idle logout
  // still applies to it (each refresh is a signed-in request that would otherwise keep the session alive).
  var lastInput = Date.now();
  ['keydown', 'mousedown', 'touchstart'].forEach(function (t) {
    document.addEventListener(t, function () { lastInput = Date.now(); }, { passive: true });
  });
  source.addEventListener('changed', function (e) {
    if (live && Date.now() - lastInput > 25 * 60 * 1000) {
      source.close();
      return;
    }
    if (live) {
      if (seen !== null && e.data !== seen) {
        refresh(null);
      }
      seen = e.data;
      return;
    }
    refresh(e.data);
  });
})();
