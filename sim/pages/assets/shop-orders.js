/* Shop-Script orders page of the simulator: hash routing like the real jQuery app.
   #/order/N/      order view: ?module=order&id=N&view=split replaces #s-order-block in one go.
   #/orders/...    split view: list (#s-orders) + #s-order pane; the order comes from ?module=order&id=%20N.
   Completing a workflow action re-renders the whole orders area (list first, block later). */
(function () {
  'use strict';
  var c = window.simCommon;
  var page = window.__simPage || {};
  var base = page.shopBase || '/webasyst/shop/';
  var content = document.getElementById('s-content');
  var layout = null; // 'order' | 'split'
  var currentId = null;
  var generation = 0; // drops replies of superseded navigations
  // The real page leaves no #s-order-block for ~70-110 ms while it re-renders after an action.
  var RERENDER_GAP_MS = 90;

  function parseHash() {
    var h = window.location.hash || '';
    var m = /^#\/order\/(\d+)\/?/.exec(h);
    if (m) return { kind: 'order', id: +m[1] };
    m = /^#\/orders\/(?:.*?\bid=(\d+))?/.exec(h);
    if (m) return { kind: 'orders', id: m[1] ? +m[1] : null };
    return { kind: 'orders', id: null };
  }

  function putBlock(container, frag) {
    var old = container.querySelector('#s-order-block');
    if (old)
      old.replaceWith(frag); // removal and insertion in one mutation batch
    else container.appendChild(frag);
  }

  function loadOrderView(id, gen) {
    return c.getText(`${base}?module=order&id=${id}&view=split`).then(function (text) {
      if (gen !== generation) return;
      var frag = c.fragment(text);
      if (layout === 'order') putBlock(content, frag);
      else content.replaceChildren(frag);
      layout = 'order';
      currentId = id;
    });
  }

  function selectInList(id) {
    var list = document.getElementById('order-list');
    if (!list) return;
    list.querySelectorAll('li.order.selected').forEach(function (li) {
      li.classList.remove('selected');
    });
    var li = list.querySelector(`li.order[data-order-id="${id}"]`);
    if (li) li.classList.add('selected');
  }

  function loadIntoPane(id, gen) {
    return c.getText(`${base}?module=order&id=%20${id}`).then(function (text) {
      if (gen !== generation) return;
      var pane = document.getElementById('s-order');
      if (!pane) return;
      putBlock(pane, c.fragment(text));
      currentId = id;
      if (page.ui === '2.0') reloadList(id, gen);
    });
  }

  function reloadList(id, gen) {
    return c.getText(`${base}?module=orders&action=loadList&id=${id}`).then(function (text) {
      if (gen !== generation) return;
      var list = document.getElementById('order-list');
      if (list) list.replaceChildren(c.fragment(text));
    });
  }

  function firstListedId() {
    var li = document.querySelector('#order-list li.order[data-order-id]');
    return li ? +li.getAttribute('data-order-id') : null;
  }

  function loadSplit(id, gen, gapMs) {
    var started = Date.now();
    return c.getText(`${base}?module=orders&view=split${id ? `&id=${id}` : ''}`).then(function (text) {
      if (gen !== generation) return;
      content.replaceChildren(c.fragment(text));
      layout = 'split';
      var target = id || firstListedId();
      if (!target) return;
      selectInList(target);
      var wait = gapMs ? Math.max(0, gapMs - (Date.now() - started)) : 0;
      return c.sleep(wait).then(function () {
        return loadIntoPane(target, gen);
      });
    });
  }

  function route() {
    var gen = ++generation;
    var r = parseHash();
    var done;
    if (r.kind === 'order') done = loadOrderView(r.id, gen);
    else if (layout === 'split' && r.id) {
      selectInList(r.id);
      done = loadIntoPane(r.id, gen);
    } else done = loadSplit(r.id, gen, 0);
    done.catch(showError);
  }

  /** After an action: list first (no block at all for a moment), then the order; the hash stays. */
  function rerenderAfterAction(id) {
    var gen = ++generation;
    return c.getText(`${base}?module=orders&view=split&id=${id}`).then(function (text) {
      if (gen !== generation) return;
      var shown = Date.now();
      content.replaceChildren(c.fragment(text));
      layout = 'split';
      selectInList(id);
      return c.getText(`${base}?module=order&id=%20${id}`).then(function (orderText) {
        return c.sleep(Math.max(0, RERENDER_GAP_MS - (Date.now() - shown))).then(function () {
          if (gen !== generation) return;
          var pane = document.getElementById('s-order');
          if (pane) putBlock(pane, c.fragment(orderText));
          currentId = id;
        });
      });
    });
  }

  function showError(err) {
    var box = document.createElement('div');
    box.className = 'sim-error alert danger';
    box.textContent = String(err?.message || err);
    document.body.appendChild(box);
    setTimeout(function () {
      box.remove();
    }, 4000);
  }

  function formContainerFor(link) {
    var holder = link.closest('.workflow-actions');
    var next = holder?.nextElementSibling;
    while (next && !next.classList.contains('workflow-content')) next = next.nextElementSibling;
    return next || document.getElementById('workflow-content');
  }

  function runAction(link) {
    var actionId = link.getAttribute('data-action-id');
    var id = currentId;
    if (!id || !actionId) return;
    c.request('POST', `${base}?module=workflow&action=prepare`, { id: String(id), action_id: actionId })
      .then(function (res) {
        if (!res.ok) throw new Error(`Action failed: HTTP ${res.status}`);
        var type = res.headers.get('content-type') || '';
        if (type.indexOf('application/json') >= 0) {
          return res.json().then(function (reply) {
            if (reply.status !== 'ok') throw new Error(reply.errors?.[0] || 'Action failed');
            return rerenderAfterAction(id);
          });
        }
        return res.text().then(function (formHtml) {
          var box = formContainerFor(link);
          box.replaceChildren(c.fragment(formHtml));
          box.style.display = '';
        });
      })
      .catch(showError);
  }

  function submitActionForm(form) {
    var id = +form.querySelector('[name="id"]').value;
    c.request('POST', form.getAttribute('action'), new FormData(form))
      .then(function (res) {
        return res.json();
      })
      .then(function (reply) {
        if (reply.status !== 'ok') throw new Error(reply.errors?.[0] || 'Action failed');
        return rerenderAfterAction(id);
      })
      .catch(showError);
  }

  function openCreateDealDialog(link) {
    c.request('POST', '/webasyst/crm/?module=deal&action=createDialog', {
      order_id: link.getAttribute('data-order'),
      contact_id: link.getAttribute('data-contact'),
    })
      .then(function (res) {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.text();
      })
      .then(function (text) {
        c.openModal(c.fragment(text), 'crm-deal-create');
      })
      .catch(showError);
  }

  function submitCreateDeal(form) {
    var modal = form.closest('.sim-modal');
    c.request('POST', form.getAttribute('action'), new FormData(form))
      .then(function (res) {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      })
      .then(function (reply) {
        if (reply.status !== 'ok') throw new Error('Deal was not created');
        if (modal) modal.remove();
        route();
      })
      .catch(showError);
  }

  document.addEventListener('click', function (e) {
    var link = e.target.closest('a.wf-action[data-action-id]');
    if (link) {
      e.preventDefault();
      runAction(link);
      return;
    }
    var crm = e.target.closest('a.js-crm-create-deal');
    if (crm) {
      e.preventDefault();
      openCreateDealDialog(crm);
      return;
    }
    var cancel = e.target.closest('.js-workflow-cancel');
    if (cancel) {
      e.preventDefault();
      var box = cancel.closest('.workflow-content');
      if (box) {
        box.replaceChildren();
        if (box.id === 'workflow-content') box.style.display = 'none';
      }
    }
  });

  document.addEventListener('change', function (e) {
    var select = e.target.closest('select.js-crm-stage-select');
    if (!select) return;
    var opt = select.options[select.selectedIndex];
    var form = select.form;
    form.querySelector('[name="data[stage_id]"]').value = opt.value;
    form.querySelector('[name="data[funnel_id]"]').value = opt.getAttribute('data-funnel-id');
  });

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.matches('form.s-workflow-form')) {
      e.preventDefault();
      submitActionForm(form);
    } else if (form.matches('form.js-crm-deal-create-form')) {
      e.preventDefault();
      submitCreateDeal(form);
    }
  });

  window.addEventListener('hashchange', route);
  if (!window.location.hash) history.replaceState(null, '', '#/orders/');
  route();
})();
