// What every seed shares: users, catalog, funnels, currencies, lost reasons
// and a built-in integration configuration (inactive until enabled).
import type { SimState } from '../state/state';
import type { Address, Contact, Funnel } from '../state/types';

const ADMIN_LOGIN = 'admin';
const ADMIN_PASSWORD = 'webasyst-demo';
const MANAGER_LOGIN = 'manager';
const MANAGER_PASSWORD = 'manager-demo';

export function address(street: string, city: string, region: string, regionName: string, zip: string): Address {
  return { street, city, region, regionName, zip, country: 'usa', countryName: 'United States' };
}

type NewContact = Partial<Contact> & Pick<Contact, 'firstname' | 'lastname'>;

export function addCustomer(state: SimState, c: NewContact, createdAt: number): Contact {
  return state.addContact({
    middlename: '',
    email: '',
    phone: '',
    address: null,
    company: '',
    createdAt,
    isUser: 0,
    login: null,
    password: null,
    rights: null,
    crmUserId: null,
    ...c,
  });
}

export function seedBase(state: SimState, createdAt: number): Contact {
  state.shop.timezone = 'Europe/Moscow';
  state.shop.shiftSeconds = 3 * 3600;
  state.shop.storefronts = [`${state.host}/shop/`, `${state.host}/wholesale/`];
  const admin = addCustomer(
    state,
    {
      id: 1,
      firstname: 'Admin',
      lastname: 'Tester',
      email: 'admin@example.com',
      isUser: 1,
      login: ADMIN_LOGIN,
      password: ADMIN_PASSWORD,
      rights: { shop: 'admin', crm: 'admin', workflowActions: '*' },
    },
    createdAt,
  );
  state.catalog = [
    { productId: 1, skuId: 1, name: 'Red Coffee Mug', skuCode: 'MUG-RED', price: 12.5 },
    { productId: 2, skuId: 2, name: 'Wireless Mouse', skuCode: 'MOUSE-01', price: 29.9 },
    { productId: 3, skuId: 3, name: 'USB-C Cable 1m', skuCode: 'CABLE-C1', price: 9.99 },
    { productId: 4, skuId: 4, name: 'Mechanical Keyboard', skuCode: 'KBD-MX', price: 89 },
    { productId: 5, skuId: 5, name: 'Ergonomic Office Chair', skuCode: 'CHAIR-ERG', price: 249 },
    { productId: 6, skuId: 6, name: 'Desk Lamp', skuCode: 'LAMP-01', price: 39.5 },
  ];
  state.services = [
    { serviceId: 1, variantId: 1, name: 'Gift wrapping', price: 5 },
    { serviceId: 2, variantId: 2, name: 'Extended warranty (2 years)', price: 15 },
  ];
  state.funnels = [salesFunnel(), wholesaleFunnel()];
  state.lostReasons = [
    { id: 1, name: 'Chose a competitor' },
    { id: 2, name: 'No budget' },
    { id: 3, name: 'No response' },
    { id: 4, name: 'Not a target client' },
    { id: 5, name: 'Postponed' },
    { id: 6, name: 'Duplicate' },
    { id: 7, name: 'Price is too high' },
  ];
  // How a merchant typically sets up Settings → Shop-Script integration.
  state.integration.sources = [
    {
      id: 1,
      storefront: state.host,
      trigger: 'order_create',
      funnelId: 1,
      stageId: 1,
      responsibleContactId: admin.id,
      disabled: false,
    },
    {
      id: 2,
      storefront: `${state.host}/wholesale/`,
      trigger: 'order_process',
      funnelId: 2,
      stageId: 6,
      responsibleContactId: admin.id,
      disabled: false,
    },
  ];
  state.integration.mapping = {
    'shop:process_1': '2',
    'shop:pay_1': '4',
    'shop:ship_1': '5',
    'shop:complete_1': 'won',
    'shop:delete_1': 'lost',
    'shop:process_2': '7',
    'shop:pay_2': '8',
    'shop:ship_2': '9',
    'shop:complete_2': 'won',
    'shop:delete_2': 'lost',
  };
  return admin;
}

export function addManager(state: SimState, createdAt: number): Contact {
  return addCustomer(
    state,
    {
      firstname: 'Olga',
      lastname: 'Petrova',
      email: 'olga.petrova@example.com',
      isUser: 1,
      login: MANAGER_LOGIN,
      password: MANAGER_PASSWORD,
      rights: {
        shop: 'orders',
        crm: 'user',
        workflowActions: ['process', 'pay', 'ship', 'complete', 'comment', 'message'],
      },
    },
    createdAt,
  );
}

const stage = (
  id: number,
  funnelId: number,
  name: string,
  number: number,
  color: string,
  limitHours: number | null = null,
) => ({ id, funnelId, name, number, color, limitHours });

function salesFunnel(): Funnel {
  return {
    id: 1,
    name: 'Sales',
    sort: 0,
    icon: 'fas fa-briefcase',
    color: '#6bb532',
    openColor: '#dcedcf',
    closeColor: '#6bb532',
    isArchived: false,
    isPinned: true,
    stages: [
      stage(1, 1, 'Lead In', 1, '#DCEDCF'),
      stage(2, 1, 'Needs Defining', 2, '#BFDFA7'),
      stage(3, 1, 'Working with objections', 3, '#A3D180'),
      stage(4, 1, 'Proposal Making', 4, '#87C359'),
      stage(5, 1, 'Conditions Approval', 5, '#6BB532'),
    ],
  };
}

function wholesaleFunnel(): Funnel {
  return {
    id: 2,
    name: 'Wholesale B2B',
    sort: 0,
    icon: 'fas fa-handshake',
    color: '#1a9afe',
    openColor: '#d0e8ff',
    closeColor: '#1a9afe',
    isArchived: false,
    isPinned: true,
    stages: [
      stage(6, 2, 'Inquiry', 0, '#D0E8FF'),
      stage(7, 2, 'Quote Sent', 1, '#93CEFE', 48),
      stage(8, 2, 'Negotiation', 2, '#56B4FE'),
      stage(9, 2, 'Contract Signed', 3, '#1A9AFE'),
    ],
  };
}
