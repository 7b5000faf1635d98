/* Shared helpers of the simulated backend pages (plain browser script, no framework).
   The real backend's own scripts add `_csrf` from document.cookie to every POST and send
   X-Requested-With on their XHRs; these helpers do the same. */
(function () {
  'use strict';
  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return '';
  }

  function sessionExpired(res) {
    if (res.headers.get('wa-session-expired') === '1') {
      window.location.reload();
      throw new Error('Session has expired');
    }
    return res;
  }

  function request(method, url, data) {
    var init = { method: method, credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } };
    if (method === 'POST') {
      var body = data instanceof FormData ? new URLSearchParams(data) : new URLSearchParams(data || {});
      if (!body.has('_csrf')) body.set('_csrf', readCookie('_csrf'));
      init.body = body;
    }
    return fetch(url, init).then(sessionExpired);
  }

  function getText(url) {
    return request('GET', url).then(function (res) {
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return res.text();
    });
  }

  function fragment(text) {
    var t = document.createElement('template');
    t.innerHTML = text; // server-rendered, already escaped by the simulator
    return t.content;
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  function openModal(contentFragment, className) {
    var wrap = document.createElement('div');
    wrap.className = `sim-modal ${className || ''}`;
    wrap.innerHTML = '<div class="dialog-background"></div><div class="dialog-body"></div>';
    wrap.querySelector('.dialog-body').appendChild(contentFragment);
    document.body.appendChild(wrap);
    wrap.addEventListener('click', function (e) {
      var t = e.target;
      if (t.classList.contains('dialog-background') || t.closest('.js-close-dialog')) {
        e.preventDefault();
        wrap.remove();
      }
    });
    return wrap;
  }

  window.simCommon = {
    readCookie: readCookie,
    request: request,
    getText: getText,
    fragment: fragment,
    sleep: sleep,
    openModal: openModal,
  };
})();
