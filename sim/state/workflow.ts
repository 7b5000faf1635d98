// Shop-Script's default order workflow (states, actions, targets, forms).
// Ids are data: a seed or a test may replace the whole workflow.
import type { Order } from './types';

interface WorkflowState {
  id: string;
  name: string;
  options: { icon: string; style: Record<string, string> };
  availableActions: string[];
}

type ActionType = 'button' | 'link_top' | 'link_bottom' | 'link_head';

export interface WorkflowAction {
  id: string;
  name: string;
  /** target state; undefined = the state does not change */
  state?: string;
  internal?: boolean;
  /** has a form (data_required) */
  form: boolean;
  type: ActionType;
  color: string;
  isCustom?: boolean;
  logRecord: string;
  /** put "text" (the comment field) into the action reply even when empty */
  replyText?: boolean;
  /** sets the paid date when the order has none */
  setsPaid?: boolean;
  clearsPaid?: boolean;
  /** sets the authorization date when the order has none (a payment plugin's "auth") */
  setsAuth?: boolean;
  /** whether the action is offered for this order right now (besides the state's list) */
  isAvailable?: (order: Order) => boolean;
  /**
   * A plugin's form fields it cannot do without: run without them (e.g. through the API with
   * only `id` and `action`), the action refuses with `requiredMessage` (HTTP 400 in the API).
   */
  requiredFields?: { name: string; label: string }[];
  requiredMessage?: string;
}

/**
 * A delivery plugin's action as plugins add them: custom, with a form, and refusing to run
 * without its own field. Not in any seed's workflow; tests add it with `addPluginAction`.
 */
export function courierPluginAction(): WorkflowAction {
  return {
    id: 'courier_handover',
    name: 'Hand over to courier',
    state: 'shipped',
    form: true,
    type: 'button',
    color: '#1a9afe',
    isCustom: true,
    logRecord: 'Order was handed over to the courier',
    requiredFields: [{ name: 'courier_id', label: 'Courier' }],
    requiredMessage: 'Select a courier.',
  };
}

/** Adds an action to the workflow, offered from these states (after their own actions). */
export function addPluginAction(wf: Workflow, action: WorkflowAction, fromStates: readonly string[]): void {
  wf.actions[action.id] = action;
  for (const state of wf.states)
    if (fromStates.includes(state.id) && !state.availableActions.includes(action.id))
      state.availableActions.push(action.id);
}

export interface Workflow {
  states: WorkflowState[];
  actions: Record<string, WorkflowAction>;
}

const st = (id: string, name: string, icon: string, style: Record<string, string>, actions: string) => ({
  id,
  name,
  options: { icon, style },
  availableActions: actions.split(' '),
});

const never = () => false;

export function defaultWorkflow(): Workflow {
  const states: WorkflowState[] = [
    st(
      'new',
      'New',
      'icon16 ss new',
      { color: '#22d13d', 'font-weight': 'bold' },
      'process initpay pay fulfilling ship complete comment edit editcode editshippingdetails message delete sendpin',
    ),
    st(
      'processing',
      'Confirmed',
      'icon16 ss confirmed',
      { color: '#22d13d', 'font-style': 'italic' },
      'initpay pay fulfilling ship complete comment edit editcode editshippingdetails message delete sendpin',
    ),
    st(
      'auth',
      'Payment is authorized',
      'icon16 ss flag-white',
      { color: '#ff6c00', 'font-style': 'italic' },
      'capture cancel comment message sendpin',
    ),
    st(
      'paid',
      'Paid',
      'icon16 ss flag-yellow',
      { color: '#f3c200', 'font-weight': 'bold', 'font-style': 'italic' },
      'fulfilling ship editcode editshippingdetails complete refund comment message sendpin',
    ),
    st(
      'fulfilling',
      'Fulfilling',
      'fas fa-boxes',
      { color: '#ff6c00' },
      'ship editcode editshippingdetails complete comment delete message',
    ),
    st(
      'shipped',
      'Sent',
      'icon16 ss sent',
      { color: '#1a9afe', 'font-style': 'italic' },
      'editcode editshippingdetails complete comment delete message sendpin',
    ),
    st('completed', 'Completed', 'icon16 ss completed', { color: '#7256ee' }, 'editcode comment refund message'),
    st(
      'pos',
      'POS',
      'fas fa-cash-register',
      { color: '#89CE89' },
      'initpay complete comment edit editcode editshippingdetails message delete sendpin',
    ),
    st(
      'pickup',
      'For pickup',
      'fas fa-map-marker-alt',
      { color: '#2C70E2', 'font-weight': 'bold' },
      'pickup initpay comment edit editcode editshippingdetails message delete sendpin',
    ),
    st('refunded', 'Refunded', 'icon16 ss refunded', { color: '#ed2509' }, 'message'),
    st('deleted', 'Deleted', 'icon16 ss trash', { color: '#89a' }, 'restore message'),
  ];
  const a = (x: WorkflowAction) => [x.id, x] as const;
  const actions = Object.fromEntries([
    a({
      id: 'create',
      name: 'Create',
      state: 'new',
      internal: true,
      form: false,
      type: 'button',
      color: '#aaa',
      logRecord: 'Order was placed',
    }),
    a({
      id: 'process',
      name: 'Process',
      state: 'processing',
      form: false,
      type: 'button',
      color: '#22d13d',
      logRecord: 'Order was confirmed and accepted for processing',
    }),
    a({
      id: 'pay',
      name: 'Paid',
      state: 'paid',
      form: true,
      type: 'button',
      color: '#f3c200',
      logRecord: 'Order was paid',
      replyText: true,
      setsPaid: true,
    }),
    // No POS terminal is configured, so the real shop never offers it.
    a({
      id: 'initpay',
      name: 'Initiate POS payment',
      form: false,
      type: 'button',
      color: '#aaa',
      logRecord: 'POS payment initiated',
      isAvailable: never,
    }),
    a({
      id: 'fulfilling',
      name: 'Start fulfillment',
      state: 'fulfilling',
      form: true,
      type: 'button',
      color: '#aaa',
      logRecord: 'Order fulfillment started',
    }),
    a({
      id: 'ship',
      name: 'Sent',
      state: 'shipped',
      form: true,
      type: 'button',
      color: '#1a9afe',
      logRecord: 'Order was shipped',
    }),
    a({
      id: 'refund',
      name: 'Refund',
      state: 'refunded',
      form: true,
      type: 'button',
      color: '#ed2509',
      logRecord: 'Order was refunded',
    }),
    a({ id: 'edit', name: 'Edit order', form: true, type: 'link_top', color: '#aaa', logRecord: 'Order was edited' }),
    // Offered only when product code types exist; the demo shop has none.
    a({
      id: 'editcode',
      name: 'Edit product codes',
      form: true,
      type: 'link_top',
      color: '#aaa',
      logRecord: 'Product codes were edited',
      isAvailable: never,
    }),
    a({
      id: 'editshippingdetails',
      name: 'Edit shipping details',
      form: true,
      type: 'link_top',
      color: '#aaa',
      logRecord: 'Shipping details were edited',
    }),
    a({
      id: 'delete',
      name: 'Delete',
      state: 'deleted',
      form: true,
      type: 'button',
      color: '#aaaaaa',
      logRecord: 'Order was deleted',
      clearsPaid: true,
    }),
    a({ id: 'restore', name: 'Restore', form: false, type: 'button', color: '#aaa', logRecord: 'Order was restored' }),
    a({
      id: 'complete',
      name: 'Mark as Completed',
      state: 'completed',
      form: false,
      type: 'button',
      color: '#7256ee',
      logRecord: 'Order was marked as completed',
      setsPaid: true,
    }),
    a({
      id: 'message',
      name: 'Contact customer',
      form: true,
      type: 'link_top',
      color: '#aaa',
      logRecord: 'Message sent to customer',
      replyText: true,
    }),
    a({
      id: 'comment',
      name: 'Add comment',
      form: true,
      type: 'link_bottom',
      color: '#aaa',
      logRecord: 'Comment added',
      replyText: true,
    }),
    a({
      id: 'callback',
      name: 'Callback',
      internal: true,
      form: false,
      type: 'button',
      color: '#aaa',
      logRecord: 'Callback',
    }),
    a({
      id: 'auth',
      name: 'Authorize payment',
      state: 'auth',
      internal: true,
      form: false,
      type: 'button',
      color: '#aaa',
      logRecord: 'Payment was authorized',
      setsAuth: true,
    }),
    a({
      id: 'settle',
      name: 'Merge',
      internal: true,
      form: true,
      type: 'button',
      color: '#aaa',
      logRecord: 'Orders were merged',
      isAvailable: (o) => o.unsettled,
    }),
    a({
      id: 'cancel',
      name: 'Cancel payment',
      state: 'refunded',
      internal: true,
      form: false,
      type: 'button',
      color: '#aaa',
      logRecord: 'Payment was cancelled',
      isAvailable: (o) => o.stateId === 'auth',
    }),
    a({
      id: 'capture',
      name: 'Capture payment',
      state: 'paid',
      internal: true,
      form: true,
      type: 'button',
      color: '#f3c200',
      logRecord: 'Payment was captured',
      setsPaid: true,
      isAvailable: (o) => o.stateId === 'auth',
    }),
    a({
      id: 'pickup',
      name: 'Pick up',
      state: 'completed',
      form: true,
      type: 'button',
      color: '#2C70E2',
      logRecord: 'Order was picked up',
      setsPaid: true,
    }),
    a({ id: 'sendpin', name: 'Resend PIN', form: true, type: 'link_top', color: '#aaa', logRecord: 'PIN was resent' }),
  ]);
  return { states, actions };
}

/**
 * Actions offered now for an order, in the state's config order, with
 * cancel/capture (and settle for unsettled orders) appended, as
 * shopWorkflowState::getActions does; then filtered by availability.
 */
export function availableActionIds(wf: Workflow, order: Order): string[] {
  const state = wf.states.find((s) => s.id === order.stateId);
  if (!state) return [];
  const ids = [...state.availableActions];
  for (const extra of ['cancel', 'capture']) if (!ids.includes(extra)) ids.push(extra);
  if (order.unsettled && !ids.includes('settle')) ids.push('settle');
  return ids.filter((id) => {
    const action = wf.actions[id];
    return action && (action.isAvailable ? action.isAvailable(order) : true);
  });
}
