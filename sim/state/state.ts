// The in-memory installation: data plus the domain operations that the API,
// the backend pages and tests all use, so every path has the same effects.
import { AuthStore } from './auth';
import { Clock } from './clock';
import { HistoryLog } from './history';
import { OrderStore } from './orders';
import { DealStore } from './deal-store';
import { defaultWorkflow, type Workflow } from './workflow';
import type { Contact, Currency, Deal, Funnel, IntegrationSettings, Stage } from './types';
import * as orderOps from './order-ops';
import * as dealOps from './deal-ops';
import * as backendOps from './backend-ops';
import * as integrationHooks from './integration';

export interface ShopSettings {
  name: string;
  email: string;
  /** IANA name shown by shop.settings.get; the shift below is what is applied */
  timezone: string;
  shiftSeconds: number;
  /** order_format "#100{$order.id}": the number is this prefix + id */
  orderFormatPrefix: string;
  currency: string;
  /** storefront URLs as shop.settings.get lists them, e.g. "127.0.0.1:8080/shop/" */
  storefronts: string[];
}

export interface CatalogSku {
  productId: number;
  skuId: number;
  name: string;
  skuCode: string;
  price: number;
}

export interface CatalogService {
  serviceId: number;
  variantId: number;
  name: string;
  price: number;
}

export interface LostReason {
  id: number;
  name: string;
}

export interface StateInit {
  /** host[:port] of the installation: the API host that shop.order.add stores as storefront */
  host?: string;
  baseUrl?: string;
}

type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

export class SimState {
  readonly clock = new Clock();
  host: string;
  baseUrl: string;
  shop: ShopSettings;
  readonly contacts = new Map<number, Contact>();
  nextContactId = 1;
  catalog: CatalogSku[] = [];
  services: CatalogService[] = [];
  workflow: Workflow = defaultWorkflow();
  readonly orders = new OrderStore();
  funnels: Funnel[] = [];
  readonly deals = new DealStore();
  nextDealId = 1;
  readonly history = new HistoryLog();
  currencies: Currency[] = [{ code: 'USD', title: 'United States Dollar', sign: '$', rate: 1, isPrimary: true }];
  lostReasons: LostReason[] = [];
  readonly auth: AuthStore;
  readonly integration: IntegrationSettings = { enabled: false, sources: [], mapping: {} };
  private readonly effectListeners: ((effect: string) => void)[] = [];

  constructor(init: StateInit = {}) {
    this.host = init.host ?? '127.0.0.1:8080';
    this.baseUrl = init.baseUrl ?? `http://${this.host}/`;
    this.shop = {
      name: 'Test Store',
      email: 'admin@example.com',
      timezone: 'UTC',
      shiftSeconds: 0,
      orderFormatPrefix: '#100',
      currency: 'USD',
      storefronts: [`${this.host}/shop/`],
    };
    this.auth = new AuthStore(this.clock, this.host);
  }

  // ---- effects (the request log listens) ----
  onEffect(listener: (effect: string) => void): void {
    this.effectListeners.push(listener);
  }
  emit(effect: string): void {
    for (const l of this.effectListeners) l(effect);
  }

  // ---- lookups ----
  contact(id: number | null | undefined): Contact | undefined {
    return id ? this.contacts.get(Number(id)) : undefined;
  }
  addContact(c: Omit<Contact, 'id'> & { id?: number }): Contact {
    const contact = { ...c, id: c.id ?? this.nextContactId } as Contact;
    this.contacts.set(contact.id, contact);
    this.nextContactId = Math.max(this.nextContactId, contact.id + 1);
    return contact;
  }
  users(): Contact[] {
    return [...this.contacts.values()].filter((c) => c.isUser === 1);
  }
  funnel(id: number): Funnel | undefined {
    return this.funnels.find((f) => f.id === Number(id));
  }
  stage(id: number): Stage | undefined {
    for (const f of this.funnels) for (const s of f.stages) if (s.id === Number(id)) return s;
    return undefined;
  }
  currency(code: string | null | undefined): Currency | undefined {
    return this.currencies.find((c) => c.code === code);
  }
  primaryCurrency(): Currency {
    return this.currencies.find((c) => c.isPrimary) ?? this.currencies[0];
  }
  getOrder(id: number) {
    return this.orders.get(Number(id));
  }
  getDeal(id: number) {
    return this.deals.get(Number(id));
  }
  /** The deal linked to an order (first match, like getByField('external_id')). */
  dealForOrder(orderId: number): Deal | undefined {
    return this.deals.withExternalId(`shop:${orderId}`)[0];
  }
  /** Open deals of a customer without external_id (the "Bind" choices). */
  openUnlinkedDealsOf(contactId: number): Deal[] {
    return this.deals.ofContact(contactId).filter((d) => d.statusId === 'OPEN' && !d.externalId);
  }
  encodeOrderId(id: number): string {
    return orderOps.encodeOrderId(this, id);
  }

  // ---- The built-in integration's reactions, called by the order and deal operations ----
  // (through the state, so that the operations and the integration do not import each other)
  afterOrderAction(...args: Tail<Parameters<typeof integrationHooks.afterOrderAction>>) {
    return integrationHooks.afterOrderAction(this, ...args);
  }
  prepareCrmSide(...args: Tail<Parameters<typeof integrationHooks.prepareCrmSide>>) {
    return integrationHooks.prepareCrmSide(this, ...args);
  }

  // ---- Shop domain operations ----
  availableOrderActions(orderId: number, actorId: number) {
    return orderOps.availableOrderActions(this, orderId, actorId);
  }
  runOrderAction(orderId: number, actionId: string, actorId: number, opts: orderOps.RunActionOptions = {}) {
    return orderOps.runOrderAction(this, orderId, actionId, actorId, opts);
  }
  addOrder(input: orderOps.AddOrderInput) {
    return orderOps.addOrder(this, input);
  }

  // ---- CRM domain operations ----
  addDeal(input: dealOps.NewDeal, actorId: number) {
    return dealOps.addDeal(this, input, actorId);
  }
  patchDeal(dealId: number, fields: { field: string; value: unknown }[], actorId: number) {
    return dealOps.patchDeal(this, dealId, fields, actorId);
  }
  moveDeal(dealId: number, stageId: number, actorId: number, opts: dealOps.MoveOptions = {}) {
    return dealOps.moveDeal(this, dealId, stageId, actorId, opts);
  }
  closeDeal(dealId: number, status: 'WON' | 'LOST', actorId: number, opts: dealOps.CloseOptions = {}) {
    return dealOps.closeDeal(this, dealId, status, actorId, opts);
  }
  reopenDeal(dealId: number, actorId: number) {
    return dealOps.reopenDeal(this, dealId, actorId);
  }
  dealShopAction(orderId: number, actionId: string, actorId: number, opts: orderOps.RunActionOptions = {}) {
    return dealOps.dealShopAction(this, orderId, actionId, actorId, opts);
  }
  /** `crm/?module=deal&action=create` with its non-checks (sim/README.md, "Oddities kept on purpose"). */
  createDealFromBackend(orderId: number, data: backendOps.BackendDealData, actorId: number) {
    return backendOps.createDealFromBackend(this, orderId, data, actorId);
  }

  // ---- auth ----
  login(login: string, password: string) {
    const user = [...this.contacts.values()].find(
      (c) => c.isUser === 1 && c.login === login && c.password === password,
    );
    return user ? this.auth.createSession(user.id) : null;
  }
  sessionFor(sessionId: string | undefined) {
    return this.auth.sessionFor(sessionId);
  }
  issueToken(contactId: number, clientId: string, scope: string[]) {
    const t = this.auth.issueToken(contactId, clientId, scope);
    this.emit(`token_issue:${contactId}:${clientId}`);
    return t.token;
  }
  revokeToken(token: string) {
    const t = this.auth.tokens.get(token);
    const ok = this.auth.revokeToken(token);
    if (t) this.emit(`token_revoke:${t.contactId}:${t.clientId}`);
    return ok;
  }
  issueAuthCode(contactId: number, clientId: string, scope: string[]) {
    return this.auth.issueAuthCode(contactId, clientId, scope).code;
  }
  exchangeCode(code: string | undefined, clientId: string | undefined, grantType: string | undefined) {
    return this.auth.exchangeCode(code, clientId, grantType);
  }
}
