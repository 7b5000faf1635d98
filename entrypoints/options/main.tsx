import '@/utils/zod-jitless';
import { render } from 'preact';
import { ConnectionSection } from '@/components/connection/ConnectionSection';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore } from '@/components/options/store';
import { t } from '@/components/options/i18n';
import { currentLanguage } from '@/utils/i18n';
import './style.css';

document.documentElement.lang = currentLanguage();
document.title = t('pageTitle');
const store = createOptionsStore();
render(<OptionsApp store={store} connection={<ConnectionSection />} />, document.getElementById('app')!);
