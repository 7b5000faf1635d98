// The HTML of CRM's confirmation dialogs (409 dialog_html). Texts follow
// CRM's templates; every interpolated value is escaped.
import { htmlEscape as e } from './format';
import type { WorkflowAction } from './workflow';

const wrap = (title: string, body: string) =>
  `<div class="dialog crm-dialog"><div class="dialog-body"><header class="dialog-header"><h1>${title}</h1></header>` +
  `<div class="dialog-content">${body}</div><footer class="dialog-footer">` +
  `<button type="submit" class="button js-confirm">OK</button> <button type="button" class="button light-gray js-close-dialog">Cancel</button>` +
  `</footer></div></div>`;

export const overJumpDialog = (dealName: string, stageName: string) =>
  wrap('Move deal', `<p>Move <strong>${e(dealName)}</strong> to <strong>${e(stageName)}</strong>?</p>`);

export const noRightsDialog = (orderNumber: string, stageName: string) =>
  wrap(
    'Move deal',
    `<p>You have no access rights to handle Shop-Script orders. Order ${e(orderNumber)} will remain unchanged.</p>` +
      `<p>Move this deal to stage <strong>${e(stageName)}</strong>?</p>`,
  );

export const actionUnavailableDialog = (
  orderNumber: string,
  stateName: string,
  actionName: string,
  stageName: string,
) =>
  wrap(
    'Move deal',
    `<p>Order ${e(orderNumber)} is in <strong>${e(stateName)}</strong>. Action <strong>${e(actionName)}</strong> is not available. ` +
      `Order will remain unchanged.</p><p>Move this deal to stage <strong>${e(stageName)}</strong>?</p>`,
  );

/** Fields of the action forms we simulate (the real ones are Shop's action HTML). */
function actionFormFields(action: WorkflowAction): string {
  const text =
    '<div class="field"><div class="name">Comment</div><div class="value"><textarea name="text"></textarea></div></div>';
  switch (action.id) {
    case 'ship':
      return (
        '<div class="field"><div class="name">Tracking number</div><div class="value"><input type="text" name="tracking_number"></div></div>' +
        text
      );
    case 'delete':
    case 'refund':
      return (
        '<div class="field"><label><input type="checkbox" name="return_stock" value="1" checked> Return items to stock</label></div>' +
        text
      );
    default:
      return text;
  }
}

export const shopActionDialog = (orderNumber: string, stateName: string, action: WorkflowAction, orderId: number) =>
  wrap(
    e(action.name),
    `<p>Order ${e(orderNumber)} (${e(stateName)})</p><form class="workflow-form" data-order-id="${orderId}" data-action-id="${e(action.id)}">` +
      actionFormFields(action) +
      `<input type="hidden" name="action_id" value="${e(action.id)}"><input type="hidden" name="order_id" value="${orderId}"></form>`,
  );
