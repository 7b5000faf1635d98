// `crm/?module=order&id=N`: the server-rendered document inside the deal's "Order" tab iframe.
// It carries h1#s-order-title and table#s-order-items like a Shop order page (a known trap).
import { html, join } from '../html';
import type { OrderView } from '../shop/order-model';

export function renderOrderFrame(order: OrderView, taxText: string): string {
  return `<!DOCTYPE html>\n${html`<html data-theme="light" style="background: transparent;">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <title>CRM — ${order.number}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/wa-content/sim/wa2.css">
  <link rel="stylesheet" href="/wa-content/sim/crm.css">
</head>
<body class="sim-order-frame" style="min-height: auto; background: transparent;">
  <div class="s-printable box contentbox blank"><div class="s-order"><div class="s-split-order-wrapper">
    <div class="s-split-order-block flexbox"><div class="s-split-order-content wide">
      <div class="flexbox full-width">
        <h1 id="s-order-title" class="wide">
          ${order.number}
          <span><span class="nowrap"><span class="sim-state-dot" style="color:${order.state.color}">▶</span><span class="custom-ml-4 custom-mr-12" style="color:${order.state.color};${order.state.italic ? 'font-style:italic;' : ''}">${order.state.name}</span></span>
          <em class="hint nowrap s-print-only">${order.stateWhenPrint}</em></span>
        </h1>
        <div class="custom-mt-8 nowrap"> </div>
        <div class="custom-mt-16 custom-ml-16 nowrap"><a target="_blank" href="/webasyst/shop/?action=orders#/order/${order.id}/"><i class="icon userpic shop-icon"></i> Open in Shop-Script</a></div>
      </div>
      <div class="profile flexbox space-16 custom-mt-4 custom-mb-12"></div>
      ${order.comment ? html`<pre class="s-block s-order-comment">${order.comment}</pre>` : ''}
      <div class="flexbox space-8"><div class="bordered s-block width-100">
        <h6><span class="gray">Shipping</span> <strong></strong></h6>
        <p class="s-order-address">${join(order.address.map((line) => html`${line}<br>`))}</p>
      </div></div>
    </div></div>
    <table id="s-order-items" class="light s-order-readable">
      <tbody>
        <tr><th colspan="2"></th><th class="align-right">Qty</th><th class="align-right">Total</th></tr>
        ${order.items.map(
          (item) => html`<tr data-id="${item.id}">
          <td class="min-width valign-top"><span class="not-found s-thumb48"></span></td>
          <td> <strong>${item.name}</strong> <br><span class="hint">${item.sku}</span> </td>
          <td class="align-right nowrap" aria-label="Qty"><span class="gray large">×</span> <span class="semibold large">${item.quantity}</span><br><span class="gray small">${item.price}</span></td>
          <td class="align-right nowrap">${item.total}</td>
        </tr>${item.services.map((s) => html`<tr data-id="${s.id}"><td></td><td class="small"><span class="gray">+</span> ${s.name}</td><td class="align-right nowrap"><span class="gray">×</span> ${s.quantity}</td><td class="align-right nowrap">${s.total}</td></tr>`)}`,
        )}
        <tr class="no-border"><td colspan="2"></td><td class="align-right"><br>Subtotal</td><td class="align-right nowrap"><br>${order.subtotal}</td></tr>
        <tr class="no-border"><td colspan="2"></td><td class="align-right"> Discount </td><td class="align-right nowrap">− ${order.discount}</td></tr>
        ${order.shipping !== null ? html`<tr class="no-border"><td colspan="2"></td><td class="align-right">Shipping</td><td class="align-right nowrap">${order.shipping}</td></tr>` : ''}
        <tr class="no-border"><td colspan="2"></td><td class="align-right">Tax</td><td class="align-right nowrap">${taxText}</td></tr>
        <tr class="no-border bold large" style="font-size: 150%;"><td colspan="2"></td><td class="align-right">Total</td><td class="align-right nowrap">${order.total}</td></tr>
      </tbody>
    </table>
  </div></div></div>
</body>
</html>`}`;
}
