import type { ApiMethod } from './registry';

export const webasystMethods: Record<string, ApiMethod> = {
  'webasyst.getInfo': {
    verb: 'GET',
    run: (call) => ({
      name: call.state.shop.name,
      backend_url: `${call.state.baseUrl}webasyst/`,
      logo: {
        mode: 'gradient',
        text: { value: '', color: '', default_value: '', default_color: '#fff', formatted_value: '' },
        two_lines: false,
        gradient: { from: '#FF248B', to: '#FF5900', angle: 0 },
        image: { thumbs: [], original: [] },
      },
    }),
  },
};
