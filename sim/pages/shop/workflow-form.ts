// The small action forms that `?module=workflow&action=prepare` returns for actions with a form
// (Add comment, Paid, Sent, …). Submitting posts to `?module=workflow&action=perform`.
import { html, type SafeHtml } from '../html';
import type { WorkflowAction } from '../../state/workflow';

function extraFields(action: WorkflowAction): SafeHtml {
  if (action.requiredFields?.length) {
    return html`${action.requiredFields.map((field) => html`<div class="field"><div class="name">${field.label}</div><div class="value"><input type="text" name="${field.name}" required></div></div>`)}`;
  }
  switch (action.id) {
    case 'ship':
      return html`<div class="field"><div class="name">Tracking number</div><div class="value"><input type="text" name="tracking_number" class="s-tracking-number"></div></div>`;
    case 'delete':
    case 'refund':
      return html`<div class="field"><div class="value"><label><input type="checkbox" name="return_stock" value="1" checked> Return items to stock</label></div></div>`;
    default:
      return html``;
  }
}

export function renderWorkflowForm(action: WorkflowAction, orderId: number, csrf: string): SafeHtml {
  const comment = action.id === 'comment' || action.id === 'message';
  return html`<form class="s-workflow-form workflow-form" method="post" action="?module=workflow&amp;action=perform" data-action-id="${action.id}">
  <h5 class="heading">${action.name}</h5>
  <div class="fields form">
    ${extraFields(action)}
    <div class="field"><div class="name">${comment ? 'Comment' : 'Comment (optional)'}</div><div class="value"><textarea name="text" class="s-workflow-text" rows="3"></textarea></div></div>
  </div>
  <input type="hidden" name="id" value="${orderId}">
  <input type="hidden" name="action_id" value="${action.id}">
  <input type="hidden" name="_csrf" value="${csrf}">
  <div class="s-workflow-buttons"><input type="submit" class="button green s-workflow-submit" value="${comment ? 'Save' : action.name}"> <a href="#" class="js-workflow-cancel">cancel</a></div>
</form>`;
}
