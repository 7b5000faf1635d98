/* CRM deal page of the simulator: a history-API SPA under /webasyst/crm/ like CRM 3.x.
   Persistent nodes (#app, .deal-container, .deal-header, .deal-content, .tab-content,
   .deal-info-sidebar) are re-rendered in place; h1.deal-name and ul.tabs are replaced. */
(function () {
  'use strict';
  var c = window.simCommon;
  var page = window.__simPage || {};
  var crmBase = page.crmBase || '/webasyst/crm/';
  var dealId = page.dealId;
  var tab = page.tab || 'history';
  var generation = 0;
  // The real app leaves no h1.deal-name for ~100 ms when it switches deals.
  var TITLE_GAP_MS = 100;

  function $(sel) {
    return document.querySelector(sel);
  }

  function routeOf(pathname) {
    var rel = pathname.indexOf(crmBase) === 0 ? `/${pathname.slice(crmBase.length)}` : pathname;
    var m = /^\/deal\/(\d+)\/?([a-z]*)\/?$/.exec(rel);
    return m ? { id: +m[1], tab: m[2] || null } : null;
  }

  function announce(name, path) {
    document.documentElement.dispatchEvent(new CustomEvent('spa:navigateType', { detail: { name: name, path: path } }));
  }

  function fetchDeal(id, tabPath) {
    return c.request('GET', `${crmBase}?module=simDeal&id=${id}&tab=${tabPath}`).then(function (res) {
      if (!res.ok) throw new Error(`Deal ${id} could not be loaded (HTTP ${res.status})`);
      return res.json();
    });
  }

  function setTabContent(parts) {
    var box = $('.tab-content');
    box.className = parts.tabContentClass;
    box.replaceChildren(c.fragment(parts.tabContent));
    var main = $('.deal-main');
    if (main) main.classList.toggle('deal-main--hide-scroll', parts.tab !== 'order');
  }

  function applyParts(parts) {
    $('.deal-header__right').replaceChildren(c.fragment(parts.headerRight));
    $('.deal-header__bottom').replaceChildren(c.fragment(parts.headerBottom));
    var oldTabs = $('ul.tabs');
    if (oldTabs) oldTabs.replaceWith(c.fragment(parts.tabs));
    setTabContent(parts);
    $('.deal-info-sidebar').replaceChildren(c.fragment(parts.sidebar));
    document.title = `${parts.documentTitle} — ${document.title.split(' — ')[1] || ''}`;
  }

  function putTitle(parts) {
    var holder = $('.deal-header__title > span');
    var old = holder.querySelector('h1.deal-name');
    var frag = c.fragment(parts.title);
    if (old) old.replaceWith(frag);
    else holder.appendChild(frag);
  }

  /** Opens another deal (or re-opens this one) without a document load. */
  function openDeal(id, tabPath, how) {
    var gen = ++generation;
    var sameDeal = id === dealId;
    if (!sameDeal) {
      var h1 = $('h1.deal-name');
      if (h1) h1.remove();
    }
    if (how === 'push') history.pushState({ dealId: id }, '', `${crmBase}deal/${id}/`);
    var loading = fetchDeal(id, tabPath || 'history');
    // The gap counts from the end of this task, when observers of the page first see the title gone.
    var started = Date.now();
    return loading
      .then(function (parts) {
        if (gen !== generation) return;
        dealId = id;
        tab = parts.tab;
        applyParts(parts);
        if (how !== 'pop') {
          history.replaceState({ dealId: id }, '', `${crmBase}deal/${id}/`);
          history.replaceState({ dealId: id }, '', `${crmBase}deal/${id}/${tab}`);
        }
        announce('deal', `/deal/${id}/`);
        var wait = sameDeal ? 0 : Math.max(0, TITLE_GAP_MS - (Date.now() - started));
        return c.sleep(wait).then(function () {
          if (gen === generation) putTitle(parts);
        });
      })
      .catch(showError);
  }

  function switchTab(tabPath, how) {
    var gen = ++generation;
    var li = document.querySelector(`ul.tabs li.tab-item[data-id] > a[href$="/${tabPath}"]`);
    if (!li) return;
    li = li.parentElement;
    document.querySelectorAll('ul.tabs li.tab-item.selected').forEach(function (el) {
      el.classList.remove('selected');
    });
    var fresh = li.cloneNode(true); // the real app renders the selected tab as a new node
    fresh.classList.add('selected');
    li.replaceWith(fresh);
    if (how !== 'pop') history.replaceState({ dealId: dealId }, '', `${crmBase}deal/${dealId}/${tabPath}`);
    tab = tabPath;
    fetchDeal(dealId, tabPath)
      .then(function (parts) {
        if (gen !== generation) return;
        setTabContent(parts);
        announce('deal', `/deal/${dealId}/${tabPath}`);
      })
      .catch(showError);
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

  /* ---- stage moves, won / lost (same semantics as crm.deal.move / close) ---- */

  function dealCommand(action, data) {
    data.id = String(dealId);
    return c.request('POST', `${crmBase}?module=simDeal&action=${action}`, data).then(function (res) {
      return res.json().then(function (reply) {
        return { status: res.status, reply: reply };
      });
    });
  }

  function handleCommandReply(result, retry) {
    var reply = result.reply;
    if (reply.status === 'ok') return openDeal(dealId, tab, 'replace');
    if (reply.status === 'dialog') {
      // CRM's confirmation dialogs: OK re-sends with force; a Shop action form runs the action
      // through crm.deal.shopaction semantics, and the Shop side then moves the deal.
      var modal = c.openModal(c.fragment(reply.dialog_html), 'crm-move-dialog');
      var confirm = modal.querySelector('.js-confirm');
      if (confirm)
        confirm.addEventListener('click', function (e) {
          e.preventDefault();
          var form = modal.querySelector('form.workflow-form');
          modal.remove();
          if (!form) return retry();
          var data = {};
          new FormData(form).forEach(function (v, k) {
            data[k] = v;
          });
          dealCommand('shopaction', data)
            .then(function (r) {
              handleCommandReply(r, function () {});
            })
            .catch(showError);
        });
      return;
    }
    showError(new Error(reply.error_description || reply.error || 'The deal was not changed'));
  }

  function move(stageId, force) {
    dealCommand('move', { stage_id: String(stageId), force: force ? '1' : '' })
      .then(function (r) {
        handleCommandReply(r, function () {
          move(stageId, true);
        });
      })
      .catch(showError);
  }

  function close(status, force) {
    dealCommand('close', { status_id: status, force: force ? '1' : '' })
      .then(function (r) {
        handleCommandReply(r, function () {
          close(status, true);
        });
      })
      .catch(showError);
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    var tabLink = t.closest('ul.tabs li.tab-item a');
    if (tabLink) {
      e.preventDefault();
      var m = /\/([a-z]+)$/.exec(tabLink.getAttribute('href'));
      if (m) switchTab(m[1], 'replace');
      return;
    }
    var toggle = t.closest('.js-stage-toggle');
    if (toggle) {
      e.preventDefault();
      var menu = document.querySelector('.sim-stage-menu');
      if (menu) menu.style.display = menu.style.display === 'none' ? '' : 'none';
      return;
    }
    var stage = t.closest('.js-move-stage');
    if (stage) {
      e.preventDefault();
      move(+stage.getAttribute('data-stage-id'), false);
      return;
    }
    if (t.closest('.js-deal-won')) return close('WON', false);
    if (t.closest('.js-deal-lost')) return close('LOST', false);
    if (t.closest('.js-deal-reopen')) {
      dealCommand('reopen', {})
        .then(function (r) {
          handleCommandReply(r, function () {});
        })
        .catch(showError);
      return;
    }
    var link = t.closest('a[href]');
    if (link && !link.classList.contains('js-disable-router') && !e.ctrlKey && !e.metaKey && link.target !== '_blank') {
      var url = new URL(link.href, window.location.href);
      var r = url.origin === window.location.origin ? routeOf(url.pathname) : null;
      if (r) {
        e.preventDefault();
        if (r.id !== dealId) openDeal(r.id, 'history', 'push');
      }
    }
  });

  document.addEventListener('submit', function (e) {
    if (!e.target.closest('.sim-modal')) return;
    e.preventDefault();
    var ok = e.target.closest('.sim-modal').querySelector('.js-confirm');
    if (ok) ok.click();
  });

  window.addEventListener('popstate', function () {
    var r = routeOf(window.location.pathname);
    if (!r) return window.location.reload();
    if (r.id !== dealId) openDeal(r.id, r.tab || 'history', 'pop');
    else if (r.tab && r.tab !== tab) switchTab(r.tab, 'pop');
  });

  // First load: the router normalises /deal/N/ to /deal/N/<tab> without a history entry.
  history.replaceState({ dealId: dealId }, '', `${crmBase}deal/${dealId}/`);
  history.replaceState({ dealId: dealId }, '', `${crmBase}deal/${dealId}/${tab}`);
  announce('deal', `/deal/${dealId}/`);
})();
