import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore } from '@/components/options/store';
import { t } from '@/components/options/i18n';
import { currentLanguage } from '@/utils/i18n';
import './style.css';

document.documentElement.lang = currentLanguage();
document.title = t('pageTitle');
const store = createOptionsStore();
// CONNECTION SLOT: the connection feature's <ConnectionSection /> goes here as `connection={…}` once it exists.
render(<OptionsApp store={store} />, document.getElementById('app')!);
