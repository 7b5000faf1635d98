// The data model of the simulated installation. Times are epoch ms (second
// resolution, like DATETIME columns); replies format them per app.

export interface Address {
  street: string;
  city: string;
  region: string;
  zip: string;
  country: string;
  countryName: string;
  regionName: string;
}

interface UserRights {
  /** Shop-Script backend access: admin, orders (manager) or none. */
  shop: 'admin' | 'orders' | 'none';
  crm: 'admin' | 'user' | 'none';
  /** Workflow actions a non-admin may run; '*' = all. */
  workflowActions: '*' | string[];
}

export interface Contact {
  id: number;
  firstname: string;
  middlename: string;
  lastname: string;
  email: string;
  /** digits only, as Shop stores it (e.g. "15551230001") */
  phone: string;
  address: Address | null;
  company: string;
  createdAt: number;
  /** 1 = backend user, 0 = customer, -1 = banned */
  isUser: 1 | 0 | -1;
  login: string | null;
  password: string | null;
  rights: UserRights | null;
  /** CRM "responsible" user of this customer (crm_user_id), if any. */
  crmUserId: number | null;
}

export interface OrderItem {
  id: number;
  orderId: number;
  name: string;
  productId: number;
  skuId: number;
  skuCode: string;
  type: 'product' | 'service';
  serviceId: number | null;
  serviceVariantId: number | null;
  price: number;
  quantity: number;
  parentId: number | null;
  purchasePrice: number;
  totalDiscount: number;
}

export interface OrderLogEntry {
  id: number;
  orderId: number;
  contactId: number | null;
  actionId: string;
  datetime: number;
  beforeStateId: string;
  afterStateId: string;
  text: string | null;
  params: Record<string, string>;
}

export interface Order {
  id: number;
  contactId: number | null;
  createdAt: number;
  updatedAt: number | null;
  stateId: string;
  total: number;
  currency: string;
  rate: number;
  tax: number;
  shipping: number;
  discount: number;
  assignedContactId: number | null;
  paidAt: number | null;
  authAt: number | null;
  isFirst: boolean;
  unsettled: boolean;
  comment: string;
  shippingAt: number | null;
  params: Record<string, string>;
  /** undefined = generated on demand (scale seed) */
  items?: OrderItem[];
  log?: OrderLogEntry[];
  /** scale seed: id bases of the generated items and log rows */
  gen?: { itemBase: number; logBase: number };
}

export interface Stage {
  id: number;
  funnelId: number;
  name: string;
  number: number;
  limitHours: number | null;
  color: string;
}

export interface Funnel {
  id: number;
  name: string;
  sort: number;
  icon: string;
  color: string;
  openColor: string;
  closeColor: string;
  isArchived: boolean;
  isPinned: boolean;
  stages: Stage[];
}

type DealStatus = 'OPEN' | 'WON' | 'LOST';

export interface Deal {
  id: number;
  creatorContactId: number;
  createdAt: number;
  updatedAt: number;
  reminderAt: number | null;
  funnelId: number;
  stageId: number;
  statusId: DealStatus;
  name: string;
  description: string | null;
  expectedDate: string | null;
  closedAt: number | null;
  amount: number | null;
  currencyId: string;
  currencyRate: number;
  contactId: number;
  userContactId: number | null;
  lostId: number | null;
  lostText: string | null;
  externalId: string | null;
  sourceId: number | null;
  isPinned: boolean;
  lastMessageId: number | null;
}

export interface HistoryEntry {
  id: number;
  createdAt: number;
  actorId: number;
  action: string;
  objectType: 'DEAL' | 'CONTACT' | 'ORDER_LOG';
  objectId: number | null;
  /** the deal the entry belongs to (timeline), if any */
  dealId: number | null;
  contactId: number | null;
  before: string | null;
  after: string | null;
  stageBefore?: number;
  stageAfter?: number;
  /** for ORDER_LOG entries */
  orderId?: number;
  orderLogId?: number;
}

export interface Currency {
  code: string;
  title: string;
  sign: string;
  rate: number;
  isPrimary: boolean;
}

export interface ApiToken {
  token: string;
  clientId: string;
  contactId: number;
  scope: string[];
  createdAt: number;
  lastUseAt: number | null;
}

export interface AuthCode {
  code: string;
  clientId: string;
  contactId: number;
  scope: string[];
  expiresAt: number;
}

export interface Session {
  id: string;
  contactId: number;
  createdAt: number;
}

/** A source of automatic deals for one storefront ('' = backend "Manual order"). */
interface ShopSource {
  id: number;
  storefront: string;
  trigger: 'order_create' | 'order_process';
  funnelId: number;
  stageId: number;
  responsibleContactId: number | null;
  disabled: boolean;
}

export interface IntegrationSettings {
  enabled: boolean;
  sources: ShopSource[];
  /** `shop:<action>_<funnel>` → stage id | 'won' | 'lost' */
  mapping: Record<string, string>;
}
