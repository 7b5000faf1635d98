import '@/utils/zod-jitless';
import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { createPopupStore } from '@/components/popup/store';
import { keepLive } from '@/components/popup/live';
import { currentLanguage } from '@/utils/i18n';
import './style.css';

document.documentElement.lang = currentLanguage();
const store = createPopupStore();
render(<Popup store={store} />, document.getElementById('app')!);
keepLive(() => void store.refresh());
