// shop.settings.get: the shop's configuration, workflow states included.
import { shopDatetime } from '../../state/format';
import type { ApiMethod } from '../registry';
import { customerName } from './format';

export const settingsGet: ApiMethod = {
  verb: 'GET',
  run(call) {
    const s = call.state;
    const currencies = Object.fromEntries(
      s.currencies.map((c, i) => [
        c.code,
        {
          code: c.code,
          sign: c.sign,
          iso4217: c.code === 'USD' ? '840' : c.code === 'EUR' ? '978' : '643',
          sign_position: 0,
          sign_delim: '',
          title: c.title,
          name: [[c.code.toLowerCase(), c.code.toLowerCase()], c.code],
          frac_name: [['cent', 'cents']],
          precision: 2,
          sign_html: c.sign,
          rate: c.rate,
          rounding: 0.01,
          round_up_only: '1',
          sort: String(i),
          is_primary: c.isPrimary,
        },
      ]),
    );
    return {
      version: '12.4.0',
      debug_mode: false,
      default_currency: s.shop.currency,
      settings: {
        name: s.shop.name,
        email: s.shop.email,
        phone: '',
        country: 'usa',
        order_format: `${s.shop.orderFormatPrefix}{$order.id}`,
        order_noproduct_item_name: '',
        pickup_require_pin: 0,
        use_gravatar: 0,
        map: 'google',
        gravatar_default: 'custom',
        require_captcha: 1,
        require_authorization: 0,
        allow_image_upload: 0,
        moderation_reviews: 0,
        review_service_agreement: '',
        review_service_agreement_hint: '',
        sort_order_items: 'user_cart',
        merge_carts: 0,
        workhours: {
          hours_from: '00:00',
          hours_to: '23:59',
          days: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri' },
          days_from_to: 'Mon—Fri',
        },
      },
      currencies,
      address_fields: ['street', 'city', 'region', 'zip', 'country'],
      order_states: s.workflow.states.map((st) => ({
        id: st.id,
        name: st.name,
        options: st.options,
        available_actions: [...st.availableActions],
      })),
      server_time: shopDatetime(s.clock.now(), s.shop.shiftSeconds),
      user_info: {
        id: call.user.id,
        name: `${call.user.lastname} ${call.user.firstname}`.trim() || customerName(s, call.user.id),
        photo: '/wa-content/img/userpic.svg',
      },
      storefronts: s.shop.storefronts.map((url, i) => {
        const slash = url.indexOf('/');
        const domain = slash < 0 ? url : url.slice(0, slash);
        const path = slash < 0 ? '' : url.slice(slash + 1);
        return {
          domain,
          route: {
            url: `${path}*`,
            app: 'shop',
            locale: 'en_US',
            checkout_version: 2,
            checkout_storefront_id: `sf${i + 1}`.padEnd(32, '0'),
            drop_out_of_stock: 0,
            public_stocks: 0,
            shipping_id: 0,
            payment_id: 0,
            url_type: 0,
            type_id: 0,
          },
          route_index: i + 1,
          url,
          url_decoded: url,
        };
      }),
      ignore_stock_count: 0,
      stock_counting_action: 'processing',
      server_timezone: s.shop.timezone,
      server_timezone_shift: String(s.shop.shiftSeconds),
      onboarding_passed: true,
      frac_enabled: false,
      stock_units_enabled: false,
      base_units_enabled: false,
      is_premium: false,
      headless_api_antispam: null,
    };
  },
};
