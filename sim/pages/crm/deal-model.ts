// What the deal page renderers need, resolved from the simulator's state.

export const DEAL_TABS = [
  { id: 'dealHistoryTab', path: 'history', label: 'History' },
  { id: 'dealNotesTab', path: 'notes', label: 'Notes' },
  { id: 'dealFilesTab', path: 'files', label: 'Files' },
  { id: 'dealInvoicesTab', path: 'invoices', label: 'Invoices' },
  { id: 'dealCallsTab', path: 'calls', label: 'Calls' },
  { id: 'dealMessagesTab', path: 'messages', label: 'Messages' },
  { id: 'dealRemindersTab', path: 'reminders', label: 'Reminders' },
  { id: 'dealOrderTab', path: 'order', label: 'Order' },
] as const;

export type DealTabPath = (typeof DEAL_TABS)[number]['path'];

export function isDealTab(path: string): path is DealTabPath {
  return DEAL_TABS.some((t) => t.path === path);
}

export interface DealHistoryItemView {
  title: string;
  kind: 'order' | 'deal' | 'note' | 'stage' | 'won' | 'lost';
  time: string;
  actor: string;
  note: string | null;
  order: { id: number; number: string; amount: string } | null;
}

export interface DealView {
  id: number;
  name: string;
  description: string | null;
  status: 'OPEN' | 'WON' | 'LOST';
  funnel: { id: number; name: string; color: string };
  stage: { id: number; name: string; color: string };
  stages: { id: number; name: string; color: string }[];
  amount: string | null;
  created: string;
  expected: string | null;
  orderId: number | null;
  customer: {
    id: number;
    name: string;
    email: string | null;
    phone: string | null;
    phoneDisplay: string | null;
    address: string | null;
    orderCount: number;
    dealCount: number;
  } | null;
  owner: { id: number; name: string } | null;
  history: { day: string; items: DealHistoryItemView[] }[];
  otherDeals: { id: number; name: string; stage: string; status: string }[];
}

export interface CrmSidebarView {
  funnels: { id: number; name: string; color: string; count: number }[];
  contacts: number;
  deals: number;
}
